#include "sandbox/dancu/citizen.hpp"

namespace lienthong::sandbox::dancu {

std::string Citizen::ho_va_ten() const {
  std::string out = ho;
  for (const auto* part : {&chu_dem, &ten}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

}  // namespace lienthong::sandbox::dancu
