//===- HostTensor.cpp - owning host tensors and .npy / .npz I/O -----------===//
//
// Part of the nn-mlir project.
//
// .npy: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
// .npz: a ZIP archive of .npy members (PKWARE APPNOTE), stored or deflated.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include "FileUtils.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <zlib.h>

using namespace nn::jit;

HostTensor::HostTensor(TensorType type) : type(std::move(type)) {
  size_t bytes = this->type.sizeInBytes();
  size_t rounded = (std::max<size_t>(bytes, 1) + 63) / 64 * 64;
  storage.reset(std::aligned_alloc(64, rounded));
  if (!storage)
    llvm::report_fatal_error("out of memory allocating a host tensor");
  std::memset(storage.get(), 0, rounded);
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

namespace {
struct Descr {
  const char *text;
  DType dtype;
};
// Little-endian (or byte-order-free) element types we accept and write.
constexpr Descr kDescrs[] = {
    {"<f2", DType::F16}, {"<f4", DType::F32}, {"<f8", DType::F64},
    {"|b1", DType::Bool}, {"|i1", DType::I8}, {"<i2", DType::I16},
    {"<i4", DType::I32}, {"<i8", DType::I64}, {"|u1", DType::U8},
    {"<u4", DType::U32},
};

llvm::Error npyError(llvm::StringRef what, const llvm::Twine &message) {
  return llvm::createStringError(("malformed .npy " + what + ": " + message).str());
}

/// Returns the value text of `'key': value` in a .npy header dictionary.
std::optional<llvm::StringRef> dictValue(llvm::StringRef header,
                                         llvm::StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t at = header.find(quoted);
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  if (rest.starts_with("(")) {
    size_t close = rest.find(')');
    return close == llvm::StringRef::npos
               ? std::nullopt
               : std::optional<llvm::StringRef>(rest.take_front(close + 1));
  }
  size_t end = rest.find_first_of(",}");
  return end == llvm::StringRef::npos
             ? std::nullopt
             : std::optional<llvm::StringRef>(rest.take_front(end).rtrim());
}
} // namespace

llvm::Expected<HostTensor> nn::jit::parseNpy(llvm::StringRef bytes,
                                             llvm::StringRef what) {
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10)
    return npyError(what, "missing the \\x93NUMPY magic");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  size_t headerLength, headerStart;
  if (major == 1) {
    headerLength = static_cast<uint8_t>(bytes[8]) |
                   (static_cast<uint8_t>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return npyError(what, "truncated header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i)
      headerLength = (headerLength << 8) | static_cast<uint8_t>(bytes[8 + i]);
    headerStart = 12;
  } else {
    return npyError(what, "unsupported format version " +
                              llvm::Twine(major) + "." +
                              llvm::Twine(static_cast<unsigned>(
                                  static_cast<uint8_t>(bytes[7]))));
  }
  if (headerStart + headerLength > bytes.size())
    return npyError(what, "truncated header");
  llvm::StringRef header = bytes.substr(headerStart, headerLength);
  llvm::StringRef payload = bytes.drop_front(headerStart + headerLength);

  auto descr = dictValue(header, "descr");
  auto fortran = dictValue(header, "fortran_order");
  auto shapeText = dictValue(header, "shape");
  if (!descr || !fortran || !shapeText)
    return npyError(what, "the header needs 'descr', 'fortran_order' and "
                          "'shape'");
  if (*fortran != "False")
    return llvm::createStringError(
        ("unsupported .npy " + what +
         ": Fortran-order arrays are not supported (save a C-order copy)")
            .str());
  llvm::StringRef descrText = descr->trim("'\" ");
  std::optional<DType> dtype;
  for (const Descr &d : kDescrs) {
    llvm::StringRef known(d.text);
    // One-byte types may be spelled with any byte order mark.
    if (descrText == known ||
        (known.starts_with("|") && descrText.size() == 3 &&
         descrText.drop_front() == known.drop_front()))
      dtype = d.dtype;
  }
  if (!dtype)
    return llvm::createStringError(
        ("unsupported .npy " + what + ": element type '" + descrText +
         "' (supported: little-endian f2/f4/f8, b1, i1/i2/i4/i8, u1/u4)")
            .str());

  TensorType type;
  type.dtype = *dtype;
  llvm::StringRef dims = shapeText->drop_front().drop_back();
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef part : parts) {
    part = part.trim();
    if (part.empty())
      continue;
    int64_t dim;
    if (part.getAsInteger(10, dim) || dim < 0)
      return npyError(what, "bad shape " + *shapeText);
    type.shape.push_back(dim);
  }
  size_t expected = type.sizeInBytes();
  if (payload.size() != expected)
    return npyError(what, llvm::formatv("expected {0} data bytes for shape "
                                        "{1}, found {2}",
                                        expected, *shapeText, payload.size())
                              .str());
  HostTensor tensor(std::move(type));
  std::memcpy(tensor.data(), payload.data(), expected);
  if (tensor.getType().dtype == DType::Bool)
    for (size_t i = 0; i < expected; ++i)
      if (tensor.dataAs<uint8_t>()[i] > 1)
        return npyError(what, "bool element " + llvm::Twine(i) +
                                  " is neither 0 nor 1");
  return tensor;
}

llvm::Expected<HostTensor> nn::jit::readNpy(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), ("'" + path + "'").str());
}

std::string nn::jit::serializeNpy(const HostTensor &tensor) {
  const TensorType &type = tensor.getType();
  llvm::StringRef descr;
  for (const Descr &d : kDescrs)
    if (d.dtype == type.dtype)
      descr = d.text;
  std::string dict = "{'descr': '" + descr.str() +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t d : type.shape)
    dict += std::to_string(d) + (type.shape.size() == 1 ? "," : ", ");
  if (type.shape.size() > 1)
    dict.resize(dict.size() - 2);
  dict += "), }";
  // Pad with spaces so that magic + length + header is a multiple of 64.
  bool v2 = dict.size() + 11 > 65535;
  size_t prefix = v2 ? 12 : 10;
  size_t total = (prefix + dict.size() + 1 + 63) / 64 * 64;
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict += '\n';

  std::string out = "\x93NUMPY";
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  size_t length = dict.size();
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    out += static_cast<char>((length >> (8 * i)) & 0xff);
  out += dict;
  out.append(static_cast<const char *>(tensor.data()), tensor.sizeInBytes());
  return out;
}

llvm::Error nn::jit::writeNpy(llvm::StringRef path, const HostTensor &tensor) {
  return internal::writeFileAtomically(path, serializeNpy(tensor));
}

//===----------------------------------------------------------------------===//
// .npz (ZIP)
//===----------------------------------------------------------------------===//

namespace {
uint32_t read16(llvm::StringRef b, size_t at) {
  return static_cast<uint8_t>(b[at]) | (static_cast<uint8_t>(b[at + 1]) << 8);
}
uint32_t read32(llvm::StringRef b, size_t at) {
  return read16(b, at) | (read16(b, at + 2) << 16);
}
uint64_t read64(llvm::StringRef b, size_t at) {
  return read32(b, at) | (static_cast<uint64_t>(read32(b, at + 4)) << 32);
}
void put16(std::string &out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string &out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

llvm::Error npzError(llvm::StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(
      ("malformed .npz '" + path + "': " + message).str());
}

llvm::Expected<std::string> inflateRaw(llvm::StringRef compressed,
                                       uint64_t size) {
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return llvm::createStringError("zlib initialization failed");
  stream.next_in =
      reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
  stream.avail_in = compressed.size();
  stream.next_out = reinterpret_cast<Bytef *>(out.data());
  stream.avail_out = size;
  int status = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  if (status != Z_STREAM_END || stream.total_out != size)
    return llvm::createStringError("corrupt deflate data");
  return out;
}
} // namespace

llvm::Expected<std::vector<std::pair<std::string, HostTensor>>>
nn::jit::readNpz(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  llvm::StringRef zip = (*buffer)->getBuffer();

  // End of central directory: 22 bytes plus a comment of up to 64 KiB.
  size_t eocd = llvm::StringRef::npos;
  for (size_t at = zip.size() >= 22 ? zip.size() - 22 : 0;
       zip.size() >= 22 && zip.size() - at <= 22 + 65535; --at) {
    if (read32(zip, at) == 0x06054b50) {
      eocd = at;
      break;
    }
    if (at == 0)
      break;
  }
  if (eocd == llvm::StringRef::npos)
    return npzError(path, "not a ZIP archive (no end of central directory)");
  uint64_t entries = read16(zip, eocd + 10);
  uint64_t directory = read32(zip, eocd + 16);
  // ZIP64 end of central directory locator, written by numpy for big files.
  if ((entries == 0xffff || directory == 0xffffffff) && eocd >= 20 &&
      read32(zip, eocd - 20) == 0x07064b50) {
    uint64_t record = read64(zip, eocd - 20 + 8);
    if (record + 56 > zip.size() || read32(zip, record) != 0x06064b50)
      return npzError(path, "bad ZIP64 end of central directory");
    entries = read64(zip, record + 32);
    directory = read64(zip, record + 48);
  }

  std::vector<std::pair<std::string, HostTensor>> arrays;
  size_t at = directory;
  for (uint64_t i = 0; i < entries; ++i) {
    if (at + 46 > zip.size() || read32(zip, at) != 0x02014b50)
      return npzError(path, "bad central directory entry " + llvm::Twine(i));
    uint32_t method = read16(zip, at + 10);
    uint32_t crc = read32(zip, at + 16);
    uint64_t compressedSize = read32(zip, at + 20);
    uint64_t size = read32(zip, at + 24);
    uint32_t nameLength = read16(zip, at + 28);
    uint32_t extraLength = read16(zip, at + 30);
    uint32_t commentLength = read16(zip, at + 32);
    uint64_t local = read32(zip, at + 42);
    if (at + 46 + nameLength + extraLength > zip.size())
      return npzError(path, "truncated central directory");
    std::string name = zip.substr(at + 46, nameLength).str();
    // ZIP64 extended information: the fields that were 0xffffffff, in order.
    llvm::StringRef extra = zip.substr(at + 46 + nameLength, extraLength);
    for (size_t e = 0; e + 4 <= extra.size();) {
      uint32_t id = read16(extra, e), length = read16(extra, e + 2);
      if (e + 4 + length > extra.size())
        break;
      if (id == 0x0001) {
        size_t field = e + 4;
        auto next = [&](uint64_t &value) {
          if (value == 0xffffffff && field + 8 <= e + 4 + length) {
            value = read64(extra, field);
            field += 8;
          }
        };
        next(size);
        next(compressedSize);
        next(local);
      }
      e += 4 + length;
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (local + 30 > zip.size() || read32(zip, local) != 0x04034b50)
      return npzError(path, "bad local header of '" + name + "'");
    uint64_t data = local + 30 + read16(zip, local + 26) + read16(zip, local + 28);
    if (data + compressedSize > zip.size())
      return npzError(path, "member '" + name + "' is truncated");
    llvm::StringRef raw = zip.substr(data, compressedSize);
    std::string inflated;
    if (method == 8) {
      auto result = inflateRaw(raw, size);
      if (!result)
        return npzError(path, "member '" + name + "': " +
                                  llvm::toString(result.takeError()));
      inflated = std::move(*result);
      raw = inflated;
    } else if (method != 0) {
      return llvm::createStringError(
          ("unsupported .npz '" + path + "': member '" + name +
           "' uses compression method " + llvm::Twine(method) +
           " (only stored and deflate are supported)")
              .str());
    } else if (size != compressedSize) {
      return npzError(path, "member '" + name + "' has inconsistent sizes");
    }
    if (crc32(0, reinterpret_cast<const Bytef *>(raw.data()), raw.size()) != crc)
      return npzError(path, "member '" + name + "' fails its CRC check");
    llvm::StringRef arrayName(name);
    arrayName.consume_back(".npy");
    auto tensor = parseNpy(raw, ("'" + arrayName + "' in '" + path + "'").str());
    if (!tensor)
      return tensor.takeError();
    arrays.emplace_back(arrayName.str(), std::move(*tensor));
  }
  return arrays;
}

llvm::Error nn::jit::writeNpz(
    llvm::StringRef path,
    const std::vector<std::pair<std::string, const HostTensor *>> &arrays) {
  std::string zip, directory;
  for (const auto &[name, tensor] : arrays) {
    std::string member = serializeNpy(*tensor);
    std::string file = name + ".npy";
    if (member.size() >= 0xffffffffu || zip.size() >= 0xffffffffu)
      return llvm::createStringError("cannot write '" + path +
                                     "': arrays over 4 GiB are not supported");
    uint32_t crc = crc32(0, reinterpret_cast<const Bytef *>(member.data()),
                         member.size());
    uint32_t offset = zip.size();
    put32(zip, 0x04034b50);
    put16(zip, 20); // version needed
    put16(zip, 0);  // flags
    put16(zip, 0);  // stored
    put16(zip, 0);  // time
    put16(zip, 0x21); // date (1980-01-01)
    put32(zip, crc);
    put32(zip, member.size());
    put32(zip, member.size());
    put16(zip, file.size());
    put16(zip, 0);
    zip += file;
    zip += member;

    put32(directory, 0x02014b50);
    put16(directory, 20); // version made by
    put16(directory, 20); // version needed
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0x21);
    put32(directory, crc);
    put32(directory, member.size());
    put32(directory, member.size());
    put16(directory, file.size());
    put16(directory, 0); // extra
    put16(directory, 0); // comment
    put16(directory, 0); // disk
    put16(directory, 0); // internal attributes
    put32(directory, 0); // external attributes
    put32(directory, offset);
    directory += file;
  }
  uint32_t directoryOffset = zip.size();
  zip += directory;
  put32(zip, 0x06054b50);
  put16(zip, 0);
  put16(zip, 0);
  put16(zip, arrays.size());
  put16(zip, arrays.size());
  put32(zip, directory.size());
  put32(zip, directoryOffset);
  put16(zip, 0);
  return internal::writeFileAtomically(path, zip);
}
