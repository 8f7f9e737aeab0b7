#include "core/config/admin_config.hpp"

#include "core/config/detail/readers.hpp"
#include "core/config/object_reader.hpp"

namespace lienthong::config {

void read_admin_config(ObjectReader& parent, const std::filesystem::path& base, AdminConfig& out,
                       ConfigErrors& errors) {
  out.console_dir = detail::resolve(base, "../core/admin/console");
  out.operators_file = detail::resolve(base, "operators.json");
  auto ptr = parent.child("admin");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return;
  r.read("host", out.host);
  r.read("port", out.port);
  std::string console_dir;
  if (r.read("console_dir", console_dir)) {
    if (console_dir.empty()) r.error("console_dir", "must not be empty");
    out.console_dir = detail::resolve(base, console_dir);
  }
  std::string operators_file;
  if (r.read("operators_file", operators_file)) {
    if (operators_file.empty()) r.error("operators_file", "must not be empty");
    out.operators_file = detail::resolve(base, operators_file);
  }
  detail::read_tls_listener(r, "tls", false, base, out.tls, errors);
  r.finish();
}

}  // namespace lienthong::config
