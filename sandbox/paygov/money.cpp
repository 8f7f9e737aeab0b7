#include "sandbox/paygov/money.hpp"

namespace lienthong::sandbox::paygov {

std::string format_vnd(std::int64_t amount) {
  const bool negative = amount < 0;
  const auto magnitude =
      negative ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  const auto digits = std::to_string(magnitude);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

}  // namespace lienthong::sandbox::paygov
