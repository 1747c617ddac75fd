// Status and Result<T>: errors are values. Library code never throws or exits
// for bad input; it returns a Status naming the input and the place.
#ifndef LADDER_STATUS_H_
#define LADDER_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ladder {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: malformed record, unknown code, invalid UTF-8
  kNotFound,         // a named file, record or code does not exist
  kIoError,          // the operating system refused a read or write
  kDataLoss,         // stored data is damaged
  kResourceExhausted,  // an input over a size limit (HTTP 413)
  kUnimplemented,
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "message" or "OK".
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status IoError(std::string message) {
  return Status(StatusCode::kIoError, std::move(message));
}
inline Status DataLoss(std::string message) {
  return Status(StatusCode::kDataLoss, std::move(message));
}
inline Status ResourceExhausted(std::string message) {
  return Status(StatusCode::kResourceExhausted, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Reading the value of a Result that holds an error is a programming error:
// it prints the error on stderr and aborts (in every build), rather than
// reading an empty value.
[[noreturn]] void DieOnResultError(const Status& status);

// Result<T> holds either a value or a non-OK Status. value(), * and -> on an
// error abort (DieOnResultError): check ok() first.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status(StatusCode::kInternal, "Result made from an OK Status");
  }
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return Checked(); }
  const T& value() const& { return Checked(); }
  T&& value() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &Checked(); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return Checked(); }

 private:
  T& Checked() {
    if (!value_.has_value()) [[unlikely]] DieOnResultError(status_);
    return *value_;
  }
  const T& Checked() const {
    if (!value_.has_value()) [[unlikely]] DieOnResultError(status_);
    return *value_;
  }
  Status status_;
  std::optional<T> value_;
};

}  // namespace ladder

#define LADDER_CONCAT_INNER_(a, b) a##b
#define LADDER_CONCAT_(a, b) LADDER_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::ladder::Status ladder_status_ = (expr);    \
    if (!ladder_status_.ok()) return ladder_status_; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(LADDER_CONCAT_(ladder_result_, __LINE__), lhs, expr)

#endif  // LADDER_STATUS_H_
