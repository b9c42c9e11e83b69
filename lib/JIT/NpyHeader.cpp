//===- NpyHeader.cpp - the header dictionary of a .npy file ---------------===//
//
// Part of the nn-mlir project.
//
// np.load reads the header with ast.literal_eval, so a header is valid when
// it is a Python literal of the right shape, whatever its spacing, comments,
// quotes or integer spelling. This is the subset of Python's tokenizer and
// grammar that such a literal can use; whatever else Python would parse
// (names, operators, calls) is no literal, so is refused as np.load refuses
// it. Format 1.0 and 2.0 headers first go through numpy's Python 2 filter,
// which drops an `L` token after a number and regenerates the spacing
// between tokens (a form feed becomes a space).
//
//===----------------------------------------------------------------------===//

#include "NpyHeader.h"

#include "llvm/ADT/StringSet.h"

#include <optional>
#include <vector>

using namespace nn::jit;
using namespace nn::jit::internal;

void internal::appendUTF8(std::string &out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

namespace {

/// Strict UTF-8 (as Python's decoder: no overlong forms, surrogates or
/// code points above U+10FFFF).
std::optional<std::vector<uint32_t>> decodeUTF8(llvm::StringRef bytes) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < bytes.size();) {
    uint8_t lead = bytes[i];
    if (lead < 0x80) {
      out.push_back(lead);
      ++i;
      continue;
    }
    unsigned length = lead >= 0xF0   ? 4
                      : lead >= 0xE0 ? 3
                      : lead >= 0xC0 ? 2
                                     : 0;
    if (!length || lead > 0xF4 || bytes.size() - i < length)
      return std::nullopt;
    uint32_t c = lead & (0x7F >> length);
    for (unsigned k = 1; k < length; ++k) {
      uint8_t next = bytes[i + k];
      if ((next & 0xC0) != 0x80)
        return std::nullopt;
      c = (c << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return std::nullopt;
    out.push_back(c);
    i += length;
  }
  return out;
}

/// A Python literal value.
struct Value {
  enum Kind {
    Int,
    OtherNumber,
    Bool,
    None,
    Str,
    Bytes,
    Tuple,
    List,
    Set,
    Dict
  };
  Kind kind = None;
  /// Int: its magnitude (`tooLarge` beyond 64 bits) and sign.
  uint64_t magnitude = 0;
  bool tooLarge = false, negative = false;
  bool boolean = false;
  /// Str (as UTF-8) and Bytes.
  std::string text;
  /// Tuple, List, Set; Dict: key, value, key, value, ...
  std::vector<Value> items;
  /// A number literal, perhaps in parentheses: what a sign applies to.
  bool isNumberLiteral = false;
};

/// An Int's value when it fits in int64 (as numpy needs).
std::optional<int64_t> asInt64(const Value &value) {
  uint64_t limit = static_cast<uint64_t>(INT64_MAX) + (value.negative ? 1 : 0);
  if (value.tooLarge || value.magnitude > limit)
    return std::nullopt;
  return value.negative ? static_cast<int64_t>(0 - value.magnitude)
                        : static_cast<int64_t>(value.magnitude);
}

struct Token {
  enum Kind { Op, Number, String, Name, Newline, End };
  Kind kind = End;
  char op = 0;
  Value number;
  std::string name;
  /// String: its prefix made it bytes (b'') or an f-string (f'').
  bool isBytes = false, isFString = false;
  std::string text;
};

bool isIdentifierStart(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isIdentifierChar(uint32_t c) {
  // Non-ASCII letters are identifier characters too; either way no literal.
  return isIdentifierStart(c) || (c >= '0' && c <= '9') || c >= 0x80;
}
int digitValue(uint32_t c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return 99;
}

class Lexer {
public:
  Lexer(std::vector<uint32_t> text, bool legacy)
      : text(std::move(text)), legacy(legacy) {}

  /// The next token; nullopt with `error` set when the text is no Python.
  std::optional<Token> next() {
    if (!error.empty())
      return std::nullopt; // The first error ends the scan.
    while (true) {
      std::optional<Token> token = scan();
      if (!token)
        return std::nullopt;
      // numpy's Python 2 filter: an `L` name right after a number (and
      // after such an `L`) is dropped.
      if (filtering() && token->kind == Token::Name && token->name == "L" &&
          afterNumber)
        continue;
      afterNumber = token->kind == Token::Number;
      return token;
    }
  }

  std::string error;

private:
  uint32_t peek(size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : 0xFFFFFFFF;
  }
  bool atEnd() const { return pos >= text.size(); }
  std::nullopt_t fail(const std::string &message) {
    if (error.empty())
      error = message;
    return std::nullopt;
  }
  /// Python reads \n, \r\n and a lone \r as a line break.
  bool atNewline() const { return peek() == '\n' || peek() == '\r'; }
  /// numpy's filter applies: a format 1.0 / 2.0 header, outside a line the
  /// filter copies as it is.
  bool filtering() const { return legacy && !verbatimEnd; }

  /// `continuation`: after a backslash, which the filter's tokenizer
  /// passes over without a token.
  void skipNewline(bool continuation = false) {
    bool loneCR = peek() == '\r' && peek(1) != '\n';
    pos += peek() == '\r' && peek(1) == '\n' ? 2 : 1;
    lineAfterLoneCR = loneCR;
    if (!loneCR)
      physicalLineStart = pos;
    if (!continuation)
      afterNumber = false; // A line break is a token to the filter.
    if (verbatimEnd && pos > *verbatimEnd) {
      // The filter tracked no bracket on the copied line.
      if (depth != 0)
        fail("brackets open across a line numpy's filter copies");
      verbatimEnd.reset();
    }
  }

  /// The filter's tokenizer takes a lone \r at the start of a line for a
  /// blank line and copies the rest of that line (up to \n) unchanged: no
  /// `L` dropped, form feeds kept. At the end of the text (no \n), that
  /// breaks its output unless the line ends with the \r or is a comment.
  void copyLineVerbatim() {
    size_t end = pos;
    while (end < text.size() && text[end] != '\n')
      ++end;
    verbatimEnd = end;
    if (end < text.size() || text.back() == '\r')
      return;
    size_t first = physicalLineStart;
    auto isSpace = [](uint32_t c) {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) ||
             c == 0x85 || c == 0xA0;
    };
    while (first < end && isSpace(text[first]))
      ++first;
    if (first == end || text[first] != '#')
      fail("a last line numpy's filter cannot copy");
  }

  std::optional<Token> scan() {
    if (atLineStart && depth == 0) {
      // Indentation; blank and comment-only lines are skipped.
      while (true) {
        unsigned column = 0;
        while (!atEnd() &&
               (peek() == ' ' || peek() == '\t' || peek() == '\f')) {
          uint32_t c = text[pos++];
          column = c == ' '      ? column + 1
                   : c == '\t'   ? (column / 8 + 1) * 8
                   : filtering() ? column + 1 // The filter made it a space.
                                 : 0;
        }
        bool comment = peek() == '#';
        if (comment)
          while (!atEnd() && !atNewline())
            ++pos;
        if (atEnd()) {
          // Python's tokenizer takes a last line of only spaces for an
          // indented one; the filter drops it (unless it follows a \r).
          if (column != 0 && !comment && !(filtering() && !lineAfterLoneCR))
            return fail("an indented blank last line");
          break;
        }
        if (atNewline()) {
          if (filtering() && peek() == '\r' && peek(1) != '\n')
            copyLineVerbatim();
          skipNewline();
          if (!error.empty())
            return std::nullopt;
          continue;
        }
        if (column != 0)
          return fail("unexpected indentation");
        break;
      }
      atLineStart = false;
    }
    while (true) {
      if (atEnd()) {
        if (depth != 0)
          return fail("unclosed bracket");
        Token end;
        end.kind = Token::End;
        return end;
      }
      uint32_t c = peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos;
        continue;
      }
      if (c == '#') {
        while (!atEnd() && !atNewline())
          ++pos;
        afterNumber = false; // A comment is a token to the filter.
        continue;
      }
      if (c == '\\') {
        ++pos;
        if (!atNewline())
          return fail("a backslash outside a string that does not end a line");
        skipNewline(/*continuation=*/true);
        if (!error.empty())
          return std::nullopt;
        if (atEnd())
          return fail("the text ends after a line continuation");
        continue;
      }
      if (atNewline()) {
        skipNewline();
        if (!error.empty())
          return std::nullopt;
        if (depth > 0)
          continue;
        atLineStart = true;
        Token newline;
        newline.kind = Token::Newline;
        return newline;
      }
      break;
    }
    uint32_t c = peek();
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
      return op(c);
    }
    if (c == ')' || c == ']' || c == '}') {
      if (depth == 0)
        return fail("unbalanced brackets");
      --depth;
      return op(c);
    }
    if (c == ',' || c == ':' || c == '+' || c == '-')
      return op(c);
    if ((c >= '0' && c <= '9') || (c == '.' && digitValue(peek(1)) < 10))
      return scanNumber();
    if (c == '\'' || c == '"')
      return scanString(false, false, false);
    if (isIdentifierStart(c)) {
      std::string name;
      while (!atEnd() && isIdentifierChar(peek()) && peek() < 0x80)
        name += static_cast<char>(text[pos++]);
      if (peek() == '\'' || peek() == '"') {
        std::string prefix = llvm::StringRef(name).lower();
        static const llvm::StringSet<> prefixes = {"r",  "u",  "b",  "f",
                                                   "br", "rb", "fr", "rf"};
        if (prefixes.contains(prefix))
          return scanString(prefix.find('r') != std::string::npos,
                            prefix.find('b') != std::string::npos,
                            prefix.find('f') != std::string::npos);
      }
      Token token;
      token.kind = Token::Name;
      token.name = std::move(name);
      return token;
    }
    return fail("a character that is no part of a Python literal");
  }

  Token op(uint32_t c) {
    ++pos;
    Token token;
    token.kind = Token::Op;
    token.op = static_cast<char>(c);
    return token;
  }

  /// Digits of `base` with single underscores between them; false when
  /// there is none or an underscore is not followed by a digit.
  bool scanDigits(unsigned base, uint64_t &value, bool &overflow,
                  bool &allZero) {
    bool any = false;
    while (true) {
      size_t at = pos;
      if (any && peek() == '_')
        ++at;
      if (at >= text.size() || digitValue(text[at]) >= static_cast<int>(base))
        return any;
      pos = at;
      unsigned digit = digitValue(text[pos++]);
      allZero &= digit == 0;
      if (__builtin_mul_overflow(value, base, &value) ||
          __builtin_add_overflow(value, digit, &value))
        overflow = true;
      any = true;
    }
  }

  std::optional<Token> scanNumber() {
    Token token;
    token.kind = Token::Number;
    Value &number = token.number;
    number.isNumberLiteral = true;
    uint64_t magnitude = 0;
    bool overflow = false, allZero = true;
    uint32_t radix = peek(1) | 0x20;
    if (peek() == '0' && (radix == 'x' || radix == 'o' || radix == 'b')) {
      pos += 2;
      unsigned base = radix == 'x' ? 16 : radix == 'o' ? 8 : 2;
      // An underscore may follow the prefix: 0x_1f.
      if (peek() == '_')
        ++pos;
      if (!scanDigits(base, magnitude, overflow, allZero))
        return fail("a malformed number");
      number.kind = Value::Int;
    } else {
      bool leadingZero = peek() == '0';
      bool isFloat = false;
      if (peek() != '.')
        scanDigits(10, magnitude, overflow, allZero);
      if (peek() == '.') {
        ++pos;
        isFloat = true;
        uint64_t ignored = 0;
        bool ignoredOverflow = false, ignoredZero = true;
        scanDigits(10, ignored, ignoredOverflow, ignoredZero);
      }
      if ((peek() | 0x20) == 'e' &&
          (digitValue(peek(1)) < 10 ||
           ((peek(1) == '+' || peek(1) == '-') && digitValue(peek(2)) < 10))) {
        pos += digitValue(peek(1)) < 10 ? 1 : 2;
        isFloat = true;
        uint64_t ignored = 0;
        bool ignoredOverflow = false, ignoredZero = true;
        scanDigits(10, ignored, ignoredOverflow, ignoredZero);
      }
      if ((peek() | 0x20) == 'j') {
        ++pos;
        isFloat = true;
      }
      if (!isFloat && leadingZero && !allZero)
        return fail("leading zeros in a decimal integer");
      number.kind = isFloat ? Value::OtherNumber : Value::Int;
    }
    number.magnitude = magnitude;
    number.tooLarge = overflow;
    if (!atEnd() && isIdentifierChar(peek())) {
      // The filter's tokenizer splits `4L` into a number and a name;
      // Python's rejects it.
      size_t start = pos;
      while (!atEnd() && isIdentifierChar(peek()))
        ++pos;
      if (!filtering() || pos - start != 1 || text[start] != 'L')
        return fail("a malformed number");
    }
    return token;
  }

  std::optional<Token> scanString(bool raw, bool bytes, bool fString) {
    Token token;
    token.kind = Token::String;
    token.isBytes = bytes;
    token.isFString = fString;
    uint32_t quote = text[pos];
    bool triple = peek(1) == quote && peek(2) == quote;
    pos += triple ? 3 : 1;
    std::string &out = token.text;
    auto append = [&](uint32_t c) -> bool {
      if (bytes) {
        if (c > 0xFF)
          return false;
        out += static_cast<char>(c);
      } else {
        appendUTF8(out, c);
      }
      return true;
    };
    while (true) {
      if (atEnd())
        return fail("an unterminated string");
      uint32_t c = text[pos];
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        pos += triple ? 3 : 1;
        return token;
      }
      if ((c == '\n' || c == '\r') && !triple)
        return fail("an unterminated string");
      if (bytes && c >= 0x80)
        return fail("a non-ASCII character in a bytes literal");
      ++pos;
      if (c != '\\') {
        append(c);
        continue;
      }
      if (atEnd())
        return fail("an unterminated string");
      uint32_t e = text[pos++];
      if (e == '\r' && peek() == '\n')
        ++pos; // \r\n is one line break.
      if (raw) {
        append('\\');
        append(e == '\r' ? '\n' : e);
        continue;
      }
      switch (e) {
      case '\n':
      case '\r':
        continue;
      case '\\':
      case '\'':
      case '"':
        append(e);
        continue;
      case 'a':
        append(7);
        continue;
      case 'b':
        append(8);
        continue;
      case 'f':
        append(12);
        continue;
      case 'n':
        append(10);
        continue;
      case 'r':
        append(13);
        continue;
      case 't':
        append(9);
        continue;
      case 'v':
        append(11);
        continue;
      default:
        break;
      }
      if (e >= '0' && e <= '7') {
        uint32_t value = e - '0';
        for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k)
          value = value * 8 + (text[pos++] - '0');
        if (!append(value))
          return fail("an octal escape out of range");
        continue;
      }
      unsigned hexDigits = e == 'x'               ? 2
                           : (!bytes && e == 'u') ? 4
                           : (!bytes && e == 'U') ? 8
                                                  : 0;
      if (hexDigits) {
        uint32_t value = 0;
        for (unsigned k = 0; k < hexDigits; ++k) {
          if (digitValue(peek()) >= 16)
            return fail("a truncated escape");
          value = value * 16 + digitValue(text[pos++]);
        }
        if (value > 0x10FFFF)
          return fail("an escape out of range");
        append(value);
        continue;
      }
      if (!bytes && e == 'N')
        return fail("a named character escape (not supported)");
      // Python keeps an unknown escape as written.
      append('\\');
      append(e);
    }
  }

  std::vector<uint32_t> text;
  bool legacy;
  size_t pos = 0;
  int depth = 0;
  bool atLineStart = true;
  bool afterNumber = false;
  /// Where the line after the last \n (or \r\n) starts.
  size_t physicalLineStart = 0;
  /// The current line follows a lone \r.
  bool lineAfterLoneCR = false;
  /// The \n that ends a line the filter copies as it is.
  std::optional<size_t> verbatimEnd;
};

/// ast.literal_eval's grammar over the tokens.
class Parser {
public:
  explicit Parser(Lexer &lexer) : lexer(lexer) {}

  std::optional<Value> parseTop() {
    std::optional<Value> value = parseExpression();
    if (!value)
      return std::nullopt;
    while (true) {
      const Token *token = peek();
      if (!token)
        return std::nullopt;
      if (token->kind == Token::End)
        return value;
      if (token->kind != Token::Newline)
        return fail("more than one literal");
      take();
    }
  }

  std::string error() const {
    return !lexer.error.empty() ? lexer.error : parseError;
  }

private:
  const Token *peek() {
    if (!lookahead) {
      lookahead = lexer.next();
      if (!lookahead)
        return nullptr;
    }
    return &*lookahead;
  }
  Token take() {
    Token token = std::move(*lookahead);
    lookahead.reset();
    return token;
  }
  bool isOp(char c) {
    const Token *token = peek();
    return token && token->kind == Token::Op && token->op == c;
  }
  bool expectOp(char c) {
    if (!isOp(c)) {
      fail(std::string("expected '") + c + "'");
      return false;
    }
    take();
    return true;
  }
  std::nullopt_t fail(const std::string &message) {
    if (parseError.empty())
      parseError = message;
    return std::nullopt;
  }

  std::optional<Value> parseExpression() {
    std::optional<Value> value;
    if (isOp('+') || isOp('-')) {
      bool negate = take().op == '-';
      value = parseAtom();
      if (!value)
        return std::nullopt;
      if (!value->isNumberLiteral)
        return fail("a sign before something other than a number");
      if (negate)
        value->negative = !value->negative;
      value->isNumberLiteral = false;
    } else {
      value = parseAtom();
      if (!value)
        return std::nullopt;
    }
    // literal_eval's only binary operation makes a complex number, which
    // no header field can be.
    if (isOp('+') || isOp('-'))
      return fail("an arithmetic expression");
    return value;
  }

  /// Comma-separated expressions up to `close` (a trailing comma allowed).
  bool parseItems(char close, std::vector<Value> &items) {
    while (!isOp(close)) {
      std::optional<Value> item = parseExpression();
      if (!item)
        return false;
      items.push_back(std::move(*item));
      if (isOp(close))
        break;
      if (!expectOp(','))
        return false;
    }
    take();
    return true;
  }

  std::optional<Value> parseAtom() {
    const Token *token = peek();
    if (!token)
      return std::nullopt;
    Value value;
    switch (token->kind) {
    case Token::Number:
      return take().number;
    case Token::String: {
      bool first = true, isBytes = false;
      while (peek() && peek()->kind == Token::String) {
        Token part = take();
        if (part.isFString)
          return fail("an f-string");
        if (!first && part.isBytes != isBytes)
          return fail("bytes and a string concatenated");
        isBytes = part.isBytes;
        first = false;
        value.text += part.text;
      }
      if (!peek())
        return std::nullopt;
      value.kind = isBytes ? Value::Bytes : Value::Str;
      return value;
    }
    case Token::Name: {
      Token name = take();
      if (name.name == "True" || name.name == "False") {
        value.kind = Value::Bool;
        value.boolean = name.name == "True";
        return value;
      }
      if (name.name == "None")
        return value;
      return fail("the name '" + name.name + "'");
    }
    case Token::Op:
      break;
    default:
      return fail("an incomplete literal");
    }
    char open = take().op;
    if (open == '(') {
      if (isOp(')')) {
        take();
        value.kind = Value::Tuple;
        return value;
      }
      std::optional<Value> first = parseExpression();
      if (!first)
        return std::nullopt;
      if (isOp(')')) {
        take();
        return first; // Parentheses make no tuple.
      }
      if (!expectOp(','))
        return std::nullopt;
      value.kind = Value::Tuple;
      value.items.push_back(std::move(*first));
      if (!parseItems(')', value.items))
        return std::nullopt;
      return value;
    }
    if (open == '[') {
      value.kind = Value::List;
      if (!parseItems(']', value.items))
        return std::nullopt;
      return value;
    }
    if (open != '{')
      return fail(std::string("'") + open + "' where a value belongs");
    value.kind = Value::Dict;
    if (isOp('}')) {
      take();
      return value;
    }
    std::optional<Value> first = parseExpression();
    if (!first)
      return std::nullopt;
    if (!isOp(':')) {
      value.kind = Value::Set;
      value.items.push_back(std::move(*first));
      if (isOp('}')) {
        take();
        return value;
      }
      if (!expectOp(',') || !parseItems('}', value.items))
        return std::nullopt;
      return value;
    }
    take();
    std::optional<Value> firstValue = parseExpression();
    if (!firstValue)
      return std::nullopt;
    value.items.push_back(std::move(*first));
    value.items.push_back(std::move(*firstValue));
    while (!isOp('}')) {
      if (!expectOp(','))
        return std::nullopt;
      if (isOp('}'))
        break;
      std::optional<Value> key = parseExpression();
      if (!key || !expectOp(':'))
        return std::nullopt;
      std::optional<Value> item = parseExpression();
      if (!item)
        return std::nullopt;
      value.items.push_back(std::move(*key));
      value.items.push_back(std::move(*item));
    }
    take();
    return value;
  }

  Lexer &lexer;
  std::optional<Token> lookahead;
  std::string parseError;
};

llvm::Error headerError(const llvm::Twine &message) {
  return llvm::createStringError(message.str());
}

} // namespace

llvm::Expected<NpyHeader> internal::parseNpyHeader(llvm::StringRef header,
                                                   unsigned formatVersion) {
  bool legacy = formatVersion < 3;
  std::vector<uint32_t> text;
  if (legacy) {
    text.assign(header.bytes_begin(), header.bytes_end()); // Latin-1.
  } else if (auto decoded = decodeUTF8(header)) {
    text = std::move(*decoded);
  } else {
    return headerError("the header is not UTF-8");
  }
  if (text.size() > kMaxNpyHeaderChars)
    return headerError("the header is longer than " +
                       llvm::Twine(kMaxNpyHeaderChars) +
                       " characters (np.load's limit)");
  if (llvm::is_contained(text, 0u))
    return headerError("the header contains a NUL character");
  // literal_eval strips leading spaces and tabs (after the filter made any
  // form feed a space).
  size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\t' ||
                                 (legacy && text[start] == '\f')))
    ++start;
  text.erase(text.begin(), text.begin() + start);

  Lexer lexer(std::move(text), legacy);
  Parser parser(lexer);
  std::optional<Value> dict = parser.parseTop();
  if (!dict)
    return headerError("the header is not a Python literal (" + parser.error() +
                       ")");
  if (dict->kind != Value::Dict)
    return headerError("the header is not a dictionary");
  const Value *descr = nullptr, *fortran = nullptr, *shape = nullptr;
  for (size_t i = 0; i < dict->items.size(); i += 2) {
    const Value &key = dict->items[i];
    const Value *value = &dict->items[i + 1];
    // A repeated key: the last one counts, as in Python.
    if (key.kind == Value::Str && key.text == "descr")
      descr = value;
    else if (key.kind == Value::Str && key.text == "fortran_order")
      fortran = value;
    else if (key.kind == Value::Str && key.text == "shape")
      shape = value;
    else
      return headerError("the header has keys other than 'descr', "
                         "'fortran_order' and 'shape'");
  }
  if (!descr || !fortran || !shape)
    return headerError("the header needs 'descr', 'fortran_order' and "
                       "'shape'");
  NpyHeader result;
  if (shape->kind != Value::Tuple)
    return headerError("'shape' is not a tuple");
  for (const Value &dim : shape->items) {
    if (dim.kind != Value::Int)
      return headerError("'shape' holds something other than integers");
    std::optional<int64_t> size = asInt64(dim);
    if (!size)
      return headerError("a dimension does not fit in 64 bits");
    result.shape.push_back(*size);
  }
  if (fortran->kind != Value::Bool)
    return headerError("'fortran_order' is not True or False");
  result.fortranOrder = fortran->boolean;
  switch (descr->kind) {
  case Value::Str:
    result.descr = descr->text;
    break;
  case Value::Tuple:
  case Value::List:
  case Value::Set:
  case Value::Dict:
    result.structuredDescr = true;
    break;
  default:
    return headerError("'descr' is not a dtype descriptor");
  }
  return result;
}
