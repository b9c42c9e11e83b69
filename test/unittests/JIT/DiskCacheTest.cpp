//===- DiskCacheTest.cpp - eviction order of the disk cache ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/JIT/DiskCache.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/time.h>

using namespace nn::jit::internal;

namespace {

bool exists(const std::string &path) { return llvm::sys::fs::exists(path); }

/// A new directory only its owner may write (the cache refuses others,
/// and createUniqueDirectory's mode depends on the umask).
void makeCacheDir(llvm::SmallString<128> &dir) {
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("nn-cache", dir));
  ASSERT_EQ(chmod(dir.c_str(), 0700), 0);
}

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
  makeCacheDir(dir);
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
  makeCacheDir(dir);
  DiskCache cache(std::string(dir), 10);
  std::string key(64, 'k');
  cache.store(key, std::string(100, 'y'));
  EXPECT_TRUE(cache.load(key) != nullptr);
  llvm::sys::fs::remove_directories(dir);
}

TEST(DiskCacheTest, AnEntryWithoutTheSymbolsLookedUpIsAMiss) {
  llvm::SmallString<128> dir;
  makeCacheDir(dir);
  DiskCache cache(std::string(dir), 1 << 20);
  std::string key(64, 'k');
  cache.store(key, "not an object file");
  EXPECT_TRUE(cache.load(key) != nullptr);
  EXPECT_TRUE(cache.load(key, {"_nn_packed_f"}) == nullptr);
  llvm::sys::fs::remove_directories(dir);
}

TEST(DiskCacheTest, AWritableEntryTurnsTheCacheOff) {
  llvm::SmallString<128> dir;
  makeCacheDir(dir);
  DiskCache cache(std::string(dir), 1 << 20);
  std::string a(64, 'a'), b(64, 'b');
  cache.store(a, "object a");
  cache.store(b, "object b");
  ASSERT_EQ(chmod(cache.entryPath(a).c_str(), 0620), 0);
  EXPECT_TRUE(cache.load(a) == nullptr);
  // Off for the rest of the run: neither b nor a repaired a is read.
  EXPECT_TRUE(cache.load(b) == nullptr);
  ASSERT_EQ(chmod(cache.entryPath(a).c_str(), 0600), 0);
  EXPECT_TRUE(cache.load(a) == nullptr);
  DiskCache next(std::string(dir), 1 << 20);
  EXPECT_TRUE(next.load(a) != nullptr);
  llvm::sys::fs::remove_directories(dir);
}

} // namespace
