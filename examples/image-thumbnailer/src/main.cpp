// thumbnailer: watches a spool directory for uploaded product photos and
// writes 160/480/960 px WebP thumbnails next to them in out/.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include <vips/vips8>

#include "fit.h"

namespace fs = std::filesystem;

namespace {

constexpr int kWidths[] = {160, 480, 960};

void make_thumbnails(const fs::path& source, const fs::path& out_dir) {
  vips::VImage image = vips::VImage::new_from_file(source.c_str());
  for (int width : kWidths) {
    const auto size = thumbnailer::fit_inside({image.width(), image.height()}, {width, width});
    vips::VImage thumb = vips::VImage::thumbnail(
        source.c_str(), size.width,
        vips::VImage::option()->set("height", size.height)->set("no_rotate", false));
    const fs::path target = out_dir / (source.stem().string() + "-" + std::to_string(width) + ".webp");
    thumb.webpsave(target.c_str(), vips::VImage::option()->set("Q", 82)->set("strip", true));
  }
}

void watch(const fs::path& spool) {
  const fs::path in = spool / "in";
  const fs::path out = spool / "out";
  const fs::path done = spool / "done";
  fs::create_directories(out);
  fs::create_directories(done);
  for (;;) {
    for (const auto& entry : fs::directory_iterator(in)) {
      if (!entry.is_regular_file()) continue;
      try {
        make_thumbnails(entry.path(), out);
        fs::rename(entry.path(), done / entry.path().filename());
      } catch (const std::exception& err) {
        std::cerr << "failed on " << entry.path() << ": " << err.what() << '\n';
        fs::rename(entry.path(), done / (entry.path().filename().string() + ".failed"));
      }
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (VIPS_INIT(argv[0])) {
    vips_error_exit(nullptr);
  }
  const std::string mode = argc > 1 ? argv[1] : "--help";
  if (mode == "--version") {
    std::cout << "thumbnailer " << THUMBNAILER_VERSION << " (libvips " << vips_version_string() << ")\n";
    return 0;
  }
  if (mode == "--watch" && argc > 2) {
    watch(argv[2]);
    return 0;
  }
  std::cerr << "usage: thumbnailer --version | --watch <spool-dir>\n";
  return 2;
}
