//===- nn-opt.cpp - the nn-mlir pass driver -------------------------------===//
//
// Part of the nn-mlir project.
//
// mlir-opt with the nn dialect, its passes and pipelines registered beside
// every upstream dialect, pass and extension.
//
//===----------------------------------------------------------------------===//

#include "nn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::nn::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::nn::registerAllDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "nn-mlir optimizer driver\n", registry));
}
