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
#include "NpyHeader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <zlib.h>

using namespace nn::jit;

/// 64-byte aligned, zeroed storage of `bytes` (at least one line), or null.
static void *allocateZeroed(size_t bytes) {
  size_t rounded = std::max<size_t>(bytes, 1);
  if (rounded > std::numeric_limits<size_t>::max() - 63)
    return nullptr;
  rounded = (rounded + 63) / 64 * 64;
  void *storage = std::aligned_alloc(64, rounded);
  if (storage)
    std::memset(storage, 0, rounded);
  return storage;
}

HostTensor::HostTensor(TensorType type) : type(std::move(type)) {
  if (llvm::Error error = checkShapeSize(this->type.shape, this->type.dtype))
    llvm::report_fatal_error(llvm::Twine("cannot make a host tensor: ") +
                             llvm::toString(std::move(error)));
  storage.reset(allocateZeroed(this->type.sizeInBytes()));
  if (!storage)
    llvm::report_fatal_error("out of memory allocating a host tensor");
}

llvm::Expected<HostTensor> HostTensor::create(TensorType type) {
  if (llvm::Error error = checkShapeSize(type.shape, type.dtype))
    return std::move(error);
  HostTensor tensor;
  size_t bytes = type.sizeInBytes();
  tensor.storage.reset(allocateZeroed(bytes));
  if (!tensor.storage)
    return llvm::createStringError(
        llvm::formatv("cannot allocate {0} bytes for {1}: out of memory", bytes,
                      type.str())
            .str());
  tensor.type = std::move(type);
  return tensor;
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
llvm::Error unsupportedNpy(llvm::StringRef what, const llvm::Twine &message) {
  return llvm::createStringError(
      ("unsupported .npy " + what + ": " + message).str());
}

/// A shape as NumPy prints it: (2, 3), (5,), ().
std::string pythonTuple(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (int64_t d : shape)
    text += std::to_string(d) + (shape.size() == 1 ? "," : ", ");
  if (shape.size() > 1)
    text.resize(text.size() - 2);
  return text + ")";
}

/// The element type of a descr as NumPy writes it: a type code and size
/// after an optional byte order ('<' or '>', '=' native, '|' none). Other
/// spellings NumPy also parses ('f', 'float32', '<f,') are refused.
llvm::Expected<DType> parseDescr(llvm::StringRef descr, llvm::StringRef what) {
  llvm::StringRef code = descr;
  char order = '=';
  if (!code.empty() && llvm::StringRef("<>=|").contains(code.front())) {
    order = code.front();
    code = code.drop_front();
  }
  for (const Descr &known : kDescrs) {
    if (code != llvm::StringRef(known.text).drop_front())
      continue;
    // This host is little-endian; one-byte types have no byte order.
    if (order == '>' && dtypeSize(known.dtype) != 1)
      return unsupportedNpy(what, "element type '" + descr +
                                      "' is big-endian (save a little-endian "
                                      "copy: a.astype(a.dtype.newbyteorder("
                                      "'<')))");
    return known.dtype;
  }
  return unsupportedNpy(
      what, "element type '" + descr +
                "' (supported: f2/f4/f8, b1, i1/i2/i4/i8, u1/u4, "
                "little-endian, spelled as NumPy writes them, e.g. '<f4')");
}
} // namespace

llvm::Expected<HostTensor> nn::jit::parseNpy(llvm::StringRef bytes,
                                             llvm::StringRef what) {
  if (!bytes.starts_with("\x93NUMPY"))
    return npyError(what, "missing the \\x93NUMPY magic");
  if (bytes.size() < 8)
    return npyError(what, "truncated header");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  unsigned minor = static_cast<uint8_t>(bytes[7]);
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return unsupportedNpy(what, "format version " + llvm::Twine(major) + "." +
                                    llvm::Twine(minor) +
                                    " (supported: 1.0, 2.0, 3.0)");
  size_t lengthBytes = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + lengthBytes)
    return npyError(what, "truncated header");
  size_t headerLength = 0;
  for (size_t i = lengthBytes; i-- > 0;)
    headerLength = (headerLength << 8) | static_cast<uint8_t>(bytes[8 + i]);
  size_t headerStart = 8 + lengthBytes;
  if (headerLength > bytes.size() - headerStart)
    return npyError(what, "truncated header");
  auto header =
      internal::parseNpyHeader(bytes.substr(headerStart, headerLength), major);
  if (!header)
    return npyError(what, llvm::toString(header.takeError()));
  llvm::StringRef payload = bytes.drop_front(headerStart + headerLength);

  if (header->structuredDescr)
    return unsupportedNpy(what, "structured and sub-array element types are "
                                "not supported");
  auto dtype = parseDescr(header->descr, what);
  if (!dtype)
    return dtype.takeError();
  TensorType type;
  type.dtype = *dtype;
  type.shape = header->shape;
  // Fortran order is C order when at most one dimension exceeds 1.
  if (header->fortranOrder &&
      llvm::count_if(type.shape, [](int64_t d) { return d > 1; }) > 1)
    return unsupportedNpy(
        what, "Fortran-order arrays are not supported (save a C-order copy)");
  if (llvm::Error error = checkShapeSize(type.shape, type.dtype))
    return npyError(what, llvm::toString(std::move(error)));
  // np.load reads as many bytes as the shape needs and ignores the rest.
  size_t expected = type.sizeInBytes();
  if (payload.size() < expected)
    return npyError(what, llvm::formatv("expected {0} data bytes for shape "
                                        "{1}, found {2}",
                                        expected, pythonTuple(type.shape),
                                        payload.size())
                              .str());
  auto tensor = HostTensor::create(std::move(type));
  if (!tensor)
    return tensor.takeError();
  std::memcpy(tensor->data(), payload.data(), expected);
  // NumPy reads any non-zero byte of a bool array as True; masks are 0/1.
  if (tensor->getType().dtype == DType::Bool)
    for (uint8_t &element :
         llvm::MutableArrayRef<uint8_t>(tensor->dataAs<uint8_t>(), expected))
      element = element != 0;
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
llvm::Error unsupportedNpz(llvm::StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(
      ("unsupported .npz '" + path + "': " + message).str());
}

/// Memory from malloc, grown with realloc: a size no data bounds beforehand
/// (an inflated member) fails with an error instead of aborting.
class GrowableBuffer {
public:
  ~GrowableBuffer() { std::free(bytes); }
  char *data() { return bytes; }
  size_t size() const { return used; }
  bool reserve(size_t capacity) {
    if (capacity <= allocated)
      return true;
    void *grown = std::realloc(bytes, capacity);
    if (!grown)
      return false;
    bytes = static_cast<char *>(grown);
    allocated = capacity;
    return true;
  }
  size_t capacity() const { return allocated; }
  void setSize(size_t size) { used = size; }

private:
  char *bytes = nullptr;
  size_t used = 0, allocated = 0;
};

/// Inflates a raw deflate stream as Python's zipfile does: at most `limit`
/// bytes (the declared size), up to the end of the stream or of the input
/// (a truncated stream is what it holds; the CRC then decides); bytes after
/// the stream's end are ignored.
llvm::Error inflateMember(llvm::StringRef compressed, uint64_t limit,
                          GrowableBuffer &out) {
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return llvm::createStringError("zlib initialization failed");
  auto finish = [&](llvm::Error result) {
    inflateEnd(&stream);
    return result;
  };
  constexpr size_t kChunk = size_t(1) << 30; // zlib counts in 32 bits.
  const char *input = compressed.data();
  size_t inputLeft = compressed.size();
  size_t produced = 0;
  while (produced < limit) {
    if (produced == out.capacity()) {
      size_t grown = std::max<size_t>(64 << 10, out.capacity() * 2);
      if (grown > limit)
        grown = static_cast<size_t>(limit);
      if (!out.reserve(grown))
        return finish(llvm::createStringError(
            llvm::formatv("out of memory inflating past {0} bytes", produced)
                .str()));
    }
    if (stream.avail_in == 0 && inputLeft) {
      stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input));
      stream.avail_in = static_cast<uInt>(std::min(inputLeft, kChunk));
      input += stream.avail_in;
      inputLeft -= stream.avail_in;
    }
    size_t room = std::min(out.capacity() - produced, kChunk);
    stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(room);
    int status = inflate(&stream, Z_NO_FLUSH);
    produced += room - stream.avail_out;
    if (status == Z_STREAM_END)
      break;
    if (status == Z_BUF_ERROR && stream.avail_in == 0 && !inputLeft)
      break; // The input ended first.
    if (status != Z_OK && status != Z_BUF_ERROR)
      return finish(llvm::createStringError("corrupt deflate data"));
  }
  out.setSize(produced);
  return finish(llvm::Error::success());
}

/// Code page 437, the encoding of ZIP names without the UTF-8 flag: the
/// characters of bytes 0x80-0xFF.
// clang-format off
constexpr uint16_t kCodePage437[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};
// clang-format on

constexpr uint32_t kUTF8NameFlag = 1 << 11;

/// A ZIP member name as UTF-8: UTF-8 with the flag (nullopt when invalid),
/// else code page 437.
std::optional<std::string> decodeZipName(llvm::StringRef bytes,
                                         uint32_t flags) {
  if (flags & kUTF8NameFlag) {
    const auto *begin = reinterpret_cast<const llvm::UTF8 *>(bytes.data());
    if (!llvm::isLegalUTF8String(&begin, begin + bytes.size()))
      return std::nullopt;
    return bytes.str();
  }
  std::string name;
  for (uint8_t c : bytes.bytes())
    internal::appendUTF8(name, c < 0x80 ? c : kCodePage437[c - 0x80]);
  return name;
}

/// A central directory entry, with what Python's zipfile derives from it.
struct ZipEntry {
  std::string name;         // Up to the first NUL, as zipfile names it.
  std::string originalName; // The whole name.
  uint32_t flags = 0, method = 0, crc = 0;
  uint64_t compressedSize = 0, size = 0, headerOffset = 0;
  // Its local header (in the file: files are under 2^63 bytes) and where
  // the next one starts.
  int64_t localOffset = 0, end = 0;
};
// Local header offsets outside the file, in the order zipfile sorts them.
constexpr int64_t kBeforeTheStart = -1;
constexpr int64_t kPastTheEnd = std::numeric_limits<int64_t>::max();
} // namespace

// The archive is read as np.load reads it (Python 3.11's zipfile): the
// central directory is found from the end record's position and the
// directory's size; member offsets are taken relative to where the
// directory says it starts (zipfile's "concat" shift); members may not
// overlap. Every size and offset is checked against the file before use,
// in 64 bits without wrapping; memory is allocated only for data the file
// holds (or that its deflate streams inflate to).
llvm::Expected<std::vector<std::pair<std::string, HostTensor>>>
nn::jit::readNpz(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  llvm::StringRef zip = (*buffer)->getBuffer();
  const uint64_t fileSize = zip.size();
  if (!zip.starts_with("PK\x03\x04") && !zip.starts_with("PK\x05\x06"))
    return npzError(path, "not a ZIP archive");

  // End of central directory: the last 22 bytes when there is no comment,
  // else the last signature within the 64 KiB + 22 bytes before the end.
  constexpr uint64_t kEndRecord = 22, kLocator = 20, kEndRecord64 = 56;
  const llvm::StringRef endSignature("PK\x05\x06", 4);
  uint64_t eocd;
  if (fileSize >= kEndRecord &&
      zip.substr(fileSize - kEndRecord).starts_with(endSignature) &&
      read16(zip, fileSize - 2) == 0) {
    eocd = fileSize - kEndRecord;
  } else {
    uint64_t windowStart =
        fileSize > 65536 + kEndRecord ? fileSize - 65536 - kEndRecord : 0;
    size_t found = zip.drop_front(windowStart).rfind(endSignature);
    if (found == llvm::StringRef::npos)
      return npzError(path, "not a ZIP archive (no end of central directory)");
    eocd = windowStart + found;
    if (fileSize - eocd < kEndRecord)
      return npzError(path, "truncated end of central directory");
  }
  uint64_t directorySize = read32(zip, eocd + 12);
  uint64_t directoryOffset = read32(zip, eocd + 16);
  uint64_t directoryEnd = eocd; // Where the directory must end.
  // ZIP64: zipfile takes the record right before the locator (and ignores
  // the locator's offset).
  if (eocd >= kLocator && read32(zip, eocd - kLocator) == 0x07064b50) {
    if (read32(zip, eocd - kLocator + 4) != 0 ||
        read32(zip, eocd - kLocator + 16) > 1)
      return unsupportedNpz(path, "archives spanning several disks are not "
                                  "supported");
    if (eocd < kLocator + kEndRecord64)
      return npzError(path, "truncated ZIP64 end of central directory");
    uint64_t record = eocd - kLocator - kEndRecord64;
    if (read32(zip, record) == 0x06064b50) {
      directorySize = read64(zip, record + 40);
      directoryOffset = read64(zip, record + 48);
      directoryEnd = record;
    }
  }
  if (directorySize > directoryEnd)
    return npzError(path, "the central directory's size exceeds the file");
  uint64_t directoryStart = directoryEnd - directorySize;
  llvm::StringRef directory = zip.substr(directoryStart, directorySize);

  std::vector<ZipEntry> entries;
  uint64_t consumed = 0;
  size_t at = 0;
  while (consumed < directorySize) {
    if (directory.size() - at < 46 || read32(directory, at) != 0x02014b50)
      return npzError(path, "bad central directory entry " +
                                llvm::Twine(entries.size()));
    ZipEntry entry;
    unsigned versionNeeded = static_cast<uint8_t>(directory[at + 6]);
    entry.flags = read16(directory, at + 8);
    entry.method = read16(directory, at + 10);
    entry.crc = read32(directory, at + 16);
    entry.compressedSize = read32(directory, at + 20);
    entry.size = read32(directory, at + 24);
    uint64_t nameLength = read16(directory, at + 28);
    uint64_t extraLength = read16(directory, at + 30);
    uint64_t commentLength = read16(directory, at + 32);
    entry.headerOffset = read32(directory, at + 42);
    // Lengths past the directory's end read what is there, as zipfile.
    llvm::StringRef nameBytes = directory.substr(at + 46, nameLength);
    llvm::StringRef extra = directory.substr(at + 46 + nameLength, extraLength);
    at = std::min<uint64_t>(at + 46 + nameLength + extraLength + commentLength,
                            directory.size());
    consumed += 46 + nameLength + extraLength + commentLength;
    if (versionNeeded > 63)
      return unsupportedNpz(path, "a member needs ZIP version " +
                                      llvm::Twine(versionNeeded / 10) + "." +
                                      llvm::Twine(versionNeeded % 10));
    std::optional<std::string> name = decodeZipName(nameBytes, entry.flags);
    if (!name)
      return npzError(path, "a member name is not UTF-8");
    entry.originalName = *name;
    entry.name = llvm::StringRef(*name).split('\0').first.str();
    // ZIP64 extended information: the 64-bit values of the fields that
    // hold 0xffffffff, in order.
    for (size_t e = 0; extra.size() - e >= 4;) {
      uint32_t id = read16(extra, e), length = read16(extra, e + 2);
      if (length > extra.size() - e - 4)
        return npzError(path, "member '" + entry.name +
                                  "' has a corrupt extra field");
      if (id == 0x0001) {
        llvm::StringRef field = extra.substr(e + 4, length);
        for (uint64_t *value :
             {&entry.size, &entry.compressedSize, &entry.headerOffset}) {
          if (*value != 0xffffffff)
            continue;
          if (field.size() < 8)
            return npzError(path, "member '" + entry.name +
                                      "' has a truncated ZIP64 field");
          *value = read64(field, 0);
          field = field.drop_front(8);
        }
      }
      e += 4 + length;
    }
    // zipfile shifts offsets by where the directory is against where the
    // end record says it is. An offset outside the file fails when the
    // member is read (a name given twice is refused before that).
    if (entry.headerOffset >= directoryOffset) {
      uint64_t after = entry.headerOffset - directoryOffset;
      entry.localOffset = after > fileSize - directoryStart
                              ? kPastTheEnd
                              : static_cast<int64_t>(directoryStart + after);
    } else {
      uint64_t before = directoryOffset - entry.headerOffset;
      entry.localOffset = before > directoryStart
                              ? kBeforeTheStart
                              : static_cast<int64_t>(directoryStart - before);
    }
    entries.push_back(std::move(entry));
  }

  // Each member ends where the next local header (or the directory) starts.
  // (As zipfile's stable sort: of two at one offset, the later one ends there.)
  std::vector<ZipEntry *> byOffset;
  for (ZipEntry &entry : entries)
    byOffset.push_back(&entry);
  llvm::sort(byOffset, [](const ZipEntry *a, const ZipEntry *b) {
    return a->localOffset != b->localOffset ? a->localOffset > b->localOffset
                                            : a < b;
  });
  int64_t end = directoryStart;
  for (ZipEntry *entry : byOffset) {
    entry->end = std::min<int64_t>(end, fileSize);
    end = entry->localOffset;
  }

  // Array names: the member name less `.npy`; a name twice is ambiguous.
  llvm::StringSet<> names;
  for (const ZipEntry &entry : entries) {
    llvm::StringRef arrayName(entry.name);
    arrayName.consume_back(".npy");
    if (!names.insert(arrayName).second)
      return unsupportedNpz(path, "the name '" + arrayName +
                                      "' is in the archive twice");
  }

  std::vector<std::pair<std::string, HostTensor>> arrays;
  for (const ZipEntry &entry : entries) {
    llvm::StringRef name = entry.name;
    uint64_t local = entry.localOffset;
    if (entry.localOffset < 0 || local > fileSize || fileSize - local < 30 ||
        read32(zip, local) != 0x04034b50)
      return npzError(path, "bad local header of '" + name + "'");
    uint64_t localNameLength = read16(zip, local + 26);
    std::optional<std::string> localName = decodeZipName(
        zip.substr(local + 30, localNameLength), read16(zip, local + 6));
    if (entry.flags & (1 << 5))
      return unsupportedNpz(path, "member '" + name + "' is patch data");
    if (entry.flags & (1 << 6))
      return unsupportedNpz(path, "member '" + name + "' is encrypted");
    if (!localName || *localName != entry.originalName)
      return npzError(path, "member '" + name +
                                "' has another name in its local header");
    uint64_t data = local + 30 + localNameLength + read16(zip, local + 28);
    uint64_t end = entry.end;
    if (data > end || entry.compressedSize > end - data)
      return npzError(path, "member '" + name + "' overlaps the next one");
    if (entry.flags & 1)
      return unsupportedNpz(path, "member '" + name + "' is encrypted");
    llvm::StringRef raw = zip.substr(data, entry.compressedSize);
    GrowableBuffer inflated;
    llvm::StringRef contents;
    if (entry.method == 0) {
      // zipfile reads the smaller of the two sizes.
      contents = raw.take_front(std::min(entry.compressedSize, entry.size));
    } else if (entry.method == 8) {
      if (llvm::Error error = inflateMember(raw, entry.size, inflated))
        return npzError(path, "member '" + name +
                                  "': " + llvm::toString(std::move(error)));
      contents = llvm::StringRef(inflated.data(), inflated.size());
    } else {
      return unsupportedNpz(path, "member '" + name +
                                      "' uses compression method " +
                                      llvm::Twine(entry.method) +
                                      " (only stored and deflate are "
                                      "supported)");
    }
    uint32_t crc = 0;
    for (llvm::StringRef rest = contents; !rest.empty();) {
      llvm::StringRef piece = rest.take_front(size_t(1) << 30);
      crc = crc32(crc, reinterpret_cast<const Bytef *>(piece.data()),
                  piece.size());
      rest = rest.drop_front(piece.size());
    }
    if (crc != entry.crc)
      return npzError(path, "member '" + name + "' fails its CRC check");
    llvm::StringRef arrayName(name);
    arrayName.consume_back(".npy");
    if (!contents.starts_with("\x93NUMPY"))
      return unsupportedNpz(path, "member '" + name + "' is not a .npy array");
    auto tensor =
        parseNpy(contents, ("'" + arrayName + "' in '" + path + "'").str());
    if (!tensor)
      return tensor.takeError();
    arrays.emplace_back(arrayName.str(), std::move(*tensor));
  }
  return arrays;
}

llvm::Expected<std::string> nn::jit::serializeNpz(
    const std::vector<std::pair<std::string, const HostTensor *>> &arrays) {
  // Without ZIP64 records: 16-bit counts and name lengths, 32-bit offsets.
  if (arrays.size() > 0xffff)
    return llvm::createStringError("more than 65535 arrays are not supported");
  std::string zip, directory;
  for (const auto &[name, tensor] : arrays) {
    std::string member = serializeNpy(*tensor);
    std::string file = name + ".npy";
    if (file.size() > 0xffff)
      return llvm::createStringError("an array name over 64 KiB is not "
                                     "supported");
    if (member.size() >= 0xffffffffu || zip.size() >= 0xffffffffu)
      return llvm::createStringError("arrays over 4 GiB are not supported");
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
  if (zip.size() >= 0xffffffffu || directory.size() >= 0xffffffffu)
    return llvm::createStringError("arrays over 4 GiB are not supported");
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
  return zip;
}

llvm::Error nn::jit::writeNpz(
    llvm::StringRef path,
    const std::vector<std::pair<std::string, const HostTensor *>> &arrays) {
  auto zip = serializeNpz(arrays);
  if (!zip)
    return llvm::createStringError("cannot write '" + path +
                                   "': " + llvm::toString(zip.takeError()));
  return internal::writeFileAtomically(path, *zip);
}
