// A fixture for op-coverage.test: a file marked XFAIL, as a known failure's
// reproducer must be, that tables written by that test name. It is never
// run (lit skips Inputs/) and covers nothing (XFAIL tests do not count).
// XFAIL: *
// RUN: false
