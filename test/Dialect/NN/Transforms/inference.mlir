// RUN: nn-opt %s --nn-inference | FileCheck %s
// RUN: nn-opt %s --nn-inference=keep-dropout=true | FileCheck %s --check-prefix=MC

// CHECK-LABEL: func.func @net
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %{{.*}}: !nn.key)
// CHECK-NOT: nn.dropout
// CHECK: %[[R:.*]] = nn.relu %[[X]]
// CHECK: return %[[R]]
// MC-LABEL: func.func @net
// MC: nn.dropout
func.func @net(%x: tensor<4x8xf32>, %k: !nn.key) -> tensor<4x8xf32> {
  %d = nn.dropout %x, %k rate = 0.5 : tensor<4x8xf32>
  %r = nn.relu %d : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
