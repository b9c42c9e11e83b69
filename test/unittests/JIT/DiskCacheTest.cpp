//===- DiskCacheTest.cpp - eviction order of the disk cache ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/JIT/DiskCache.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <sys/time.h>

using namespace nn::jit::internal;

namespace {

bool exists(const std::string &path) { return llvm::sys::fs::exists(path); }

/// Sets a file's modification time `secondsAgo` in the past.
void age(const std::string &path, int secondsAgo) {
  struct timeval now;
  gettimeofday(&now, nullptr);
  struct timeval times[2] = {{now.tv_sec - secondsAgo, 0},
                             {now.tv_sec - secondsAgo, 0}};
  ASSERT_EQ(utimes(path.c_str(), times), 0);
}

TEST(DiskCacheTest, EvictsLeastRecentlyUsedBeyondTheLimit) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("nn-cache", dir));
  std::string object(1000, 'x');
  // Room for two entries of ~1.1 KB each, not three.
  DiskCache cache(std::string(dir), 2500);
  std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
  cache.store(a, object);
  cache.store(b, object);
  age(cache.entryPath(a), 30);
  age(cache.entryPath(b), 20);
  // A hit on `a` makes it the most recently used.
  ASSERT_TRUE(cache.load(a) != nullptr);
  cache.store(c, object);
  EXPECT_TRUE(exists(cache.entryPath(a)));
  EXPECT_FALSE(exists(cache.entryPath(b)));
  EXPECT_TRUE(exists(cache.entryPath(c)));
  auto loaded = cache.load(c);
  ASSERT_TRUE(loaded != nullptr);
  EXPECT_EQ(loaded->getBuffer(), object);
  llvm::sys::fs::remove_directories(dir);
}

TEST(DiskCacheTest, AnEntryLargerThanTheLimitIsKept) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("nn-cache", dir));
  DiskCache cache(std::string(dir), 10);
  std::string key(64, 'k');
  cache.store(key, std::string(100, 'y'));
  EXPECT_TRUE(cache.load(key) != nullptr);
  llvm::sys::fs::remove_directories(dir);
}

} // namespace
