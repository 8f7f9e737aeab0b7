#include "core/config/detail/readers.hpp"

#include <cstdlib>
#include <fstream>

namespace lienthong::config::detail {

namespace fs = std::filesystem;

fs::path resolve(const fs::path& base, const std::string& p) {
  fs::path path(p);
  return path.is_absolute() ? path : (base / path).lexically_normal();
}

std::string read_secret(ObjectReader& parent, std::string_view key, const fs::path& base,
                        ConfigErrors& errors) {
  auto ptr = parent.child(key, true);
  if (ptr.empty()) return {};
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return {};
  std::string env;
  std::string file;
  std::string value;
  r.read("env", env);
  r.read("file", file);
  r.read("value", value);
  r.finish();
  int given = static_cast<int>(!env.empty()) + static_cast<int>(!file.empty()) +
              static_cast<int>(!value.empty());
  std::string out;
  if (given != 1) {
    r.error("", "give exactly one of env, file, value");
  } else if (!env.empty()) {
    const char* v = std::getenv(env.c_str());
    if (v == nullptr || *v == '\0') {
      r.error("env", "environment variable " + env + " is not set");
    } else {
      out = v;
    }
  } else if (!file.empty()) {
    std::ifstream in(resolve(base, file));
    if (!std::getline(in, out) || out.empty()) r.error("file", "cannot read a secret from " + file);
  } else {
    out = value;
  }
  return out;
}

bool one_of(const std::string& v, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (v == a) return true;
  }
  return false;
}

}  // namespace lienthong::config::detail
