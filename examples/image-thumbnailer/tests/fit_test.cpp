#include <cstdlib>
#include <iostream>

#include "fit.h"

using thumbnailer::fit_inside;
using thumbnailer::Size;

static int failures = 0;

static void expect(Size got, Size want, const char* what) {
  if (got.width != want.width || got.height != want.height) {
    std::cerr << what << ": got " << got.width << "x" << got.height << ", want " << want.width
              << "x" << want.height << '\n';
    ++failures;
  }
}

int main() {
  expect(fit_inside({4000, 3000}, {480, 480}), {480, 360}, "landscape");
  expect(fit_inside({3000, 4000}, {480, 480}), {360, 480}, "portrait");
  expect(fit_inside({100, 80}, {160, 160}), {100, 80}, "no upscaling");
  expect(fit_inside({10000, 10}, {160, 160}), {160, 1}, "extreme panorama keeps 1px");
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
