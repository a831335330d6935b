#pragma once

namespace thumbnailer {

struct Size {
  int width;
  int height;
};

// Largest size with the source's aspect ratio that fits inside the box.
// Never upscales: a source smaller than the box is returned unchanged.
Size fit_inside(Size source, Size box);

}  // namespace thumbnailer
