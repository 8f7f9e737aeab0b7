#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping::detail {

/// A value met while evaluating: absent, borrowed (from the source or the template), or owned.
/// Borrowing lets values that pass through unchanged be copied once, into the output.
class Value {
 public:
  Value() = default;  ///< absent
  static Value borrowed(const nlohmann::json& j) {
    Value v;
    if (!j.is_null()) {
      v.state_ = State::kBorrowed;
      v.ref_ = &j;
    }
    return v;
  }
  static Value owned(nlohmann::json j) {
    Value v;
    if (!j.is_null()) {
      v.state_ = State::kOwned;
      v.owned_ = std::move(j);
    }
    return v;
  }

  [[nodiscard]] bool absent() const { return state_ == State::kAbsent; }
  [[nodiscard]] const nlohmann::json& get() const {
    return state_ == State::kOwned ? owned_ : *ref_;
  }
  /// The value as JSON (moved out when owned, copied when borrowed).
  nlohmann::json take() { return state_ == State::kOwned ? std::move(owned_) : *ref_; }

 private:
  enum class State { kAbsent, kBorrowed, kOwned };
  State state_ = State::kAbsent;
  const nlohmann::json* ref_ = nullptr;
  nlohmann::json owned_;
};

/// Why evaluating an expression failed; the template evaluator adds file and rule.
struct EvalFailure {
  MappingError::Kind kind = MappingError::Kind::kBadValue;
  std::string input_path;
  std::string reason;
};

}  // namespace lienthong::mapping::detail
