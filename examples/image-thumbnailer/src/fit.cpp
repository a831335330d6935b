#include "fit.h"

#include <algorithm>
#include <cmath>

namespace thumbnailer {

Size fit_inside(Size source, Size box) {
  if (source.width <= box.width && source.height <= box.height) {
    return source;
  }
  const double scale = std::min(static_cast<double>(box.width) / source.width,
                                static_cast<double>(box.height) / source.height);
  return {std::max(1, static_cast<int>(std::lround(source.width * scale))),
          std::max(1, static_cast<int>(std::lround(source.height * scale)))};
}

}  // namespace thumbnailer
