// `lienthong admin passwd NAME`: writes an operator's password hash into the operators file
// (core/admin/auth/operator_accounts.hpp), the admin listener's accounts.
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "core/admin/auth/operator_accounts.hpp"
#include "core/admin/auth/password_hash.hpp"
#include "core/config/hub_config.hpp"

namespace lienthong::app {
namespace {

namespace fs = std::filesystem;
namespace auth = admin::auth;

constexpr std::size_t kMinPasswordLength = 12;

// One line from the terminal with echo off, or from stdin as it is (a script, a test).
std::optional<std::string> read_line(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << '\n';
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> read_password() {
  auto first = read_line("new password: ");
  if (!first) return std::nullopt;
  if (::isatty(STDIN_FILENO) != 0) {
    auto again = read_line("again: ");
    if (!again || *again != *first) {
      std::cerr << "the two passwords differ; nothing written\n";
      return std::nullopt;
    }
  }
  return first;
}

// Written beside the old file and renamed over it, readable by its owner only (or as the old
// one was, at most 0640): a crash leaves the old file or the new one, never half of one, and
// the hashes are nobody else's to read.
bool write_file(const fs::path& file, const std::string& text) {
  const auto tmp = fs::path(file).concat(".tmp");
  const auto old_mask = ::umask(077);
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) {
      ::umask(old_mask);
      return false;
    }
  }
  ::umask(old_mask);
  // A file that is there keeps its owner and mode: the package's is root:lienthong 0640, so
  // that root writes it and the hub's user reads it (packaging/debian/postinst).
  if (struct stat old{}; ::stat(file.c_str(), &old) == 0) {
    if (::chown(tmp.c_str(), old.st_uid, old.st_gid) != 0 ||
        ::chmod(tmp.c_str(), old.st_mode & 0640) != 0) {
      fs::remove(tmp);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  return !ec;
}

}  // namespace

int run_admin(const CommandLine& cl) {
  const auto& a = cl.admin;
  if (!auth::is_operator_name(a.name)) {
    std::cerr << "operator names are 1-64 of a-z, 0-9, '.', '_' and '-', not " << a.name << '\n';
    return 2;
  }
  fs::path file = a.file;
  if (file.empty()) {  // the hub's own: admin.operators_file of the config
    auto config = config::load_hub_config(cl.config);
    if (!config) {
      for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
      std::cerr << "the configuration names the operators file; fix it, or give --file\n";
      return 1;
    }
    file = config->admin.operators_file;
  }
  auto accounts = auth::OperatorAccounts::load(file);
  if (!accounts) {
    for (const auto& e : accounts.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  auto password = read_password();
  if (!password) {
    std::cerr << "no password given; nothing written\n";
    return 1;
  }
  if (password->size() < kMinPasswordLength) {
    std::cerr << "a password needs at least " << kMinPasswordLength
              << " characters; nothing written\n";
    return 1;
  }
  auto hash = auth::hash_password(*password);
  if (!hash) {
    std::cerr << hash.error().detail << '\n';
    return 1;
  }
  auto* account = accounts->find(a.name);
  const bool added = account == nullptr;
  if (added) {
    accounts->accounts.push_back({a.name, auth::Role::kViewer, "", ""});
    account = &accounts->accounts.back();
  }
  if (!a.role.empty()) account->role = *auth::parse_role(a.role);
  account->password_hash = *hash;
  if (!write_file(file, accounts->to_text())) {
    std::cerr << "cannot write " << file.string() << '\n';
    return 1;
  }
  std::cout << (added ? "added" : "updated") << " operator " << a.name << " ("
            << auth::role_name(account->role) << ") in " << file.string() << '\n';
  return 0;
}

}  // namespace lienthong::app
