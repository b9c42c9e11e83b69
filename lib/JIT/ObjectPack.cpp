//===- ObjectPack.cpp - a compiled unit's objects as one buffer -----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "ObjectPack.h"

#include "llvm/Support/Endian.h"

using namespace ::nn::jit;

static constexpr llvm::StringLiteral kMagic = "NNPACK01";
/// More parts than threads a compile would use is not a pack we wrote.
static constexpr uint32_t kMaxObjects = 64;

std::string internal::packObjects(llvm::ArrayRef<std::string> objects) {
  std::string pack(kMagic);
  auto append = [&](auto value) {
    char bytes[sizeof(value)];
    llvm::support::endian::write(bytes, value, llvm::endianness::little);
    pack.append(bytes, sizeof(value));
  };
  append(static_cast<uint32_t>(objects.size()));
  for (const std::string &object : objects)
    append(static_cast<uint64_t>(object.size()));
  for (const std::string &object : objects)
    pack += object;
  return pack;
}

llvm::Expected<llvm::SmallVector<llvm::StringRef>>
internal::unpackObjects(llvm::StringRef pack) {
  auto malformed = [](const llvm::Twine &why) {
    return llvm::createStringError("malformed object pack: " + why);
  };
  if (!pack.consume_front(kMagic))
    return malformed("no magic");
  if (pack.size() < sizeof(uint32_t))
    return malformed("no object count");
  uint32_t count = llvm::support::endian::read32le(pack.data());
  pack = pack.drop_front(sizeof(uint32_t));
  if (count == 0 || count > kMaxObjects)
    return malformed("object count " + llvm::Twine(count));
  if (pack.size() < uint64_t(count) * sizeof(uint64_t))
    return malformed("truncated sizes");
  llvm::SmallVector<uint64_t> sizes;
  for (uint32_t i = 0; i < count; ++i)
    sizes.push_back(
        llvm::support::endian::read64le(pack.data() + i * sizeof(uint64_t)));
  pack = pack.drop_front(count * sizeof(uint64_t));
  llvm::SmallVector<llvm::StringRef> objects;
  for (uint64_t size : sizes) {
    // Compared with what is left, so that no sum can wrap.
    if (size == 0 || size > pack.size())
      return malformed("an object's size exceeds the pack");
    objects.push_back(pack.take_front(size));
    pack = pack.drop_front(size);
  }
  if (!pack.empty())
    return malformed("bytes after the last object");
  return objects;
}
