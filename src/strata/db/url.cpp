#include "strata/db/url.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/postgres/keywords.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::db {

namespace {

// URLs are longer than other quoted input; a usual one is shown whole.
constexpr std::size_t k_shown_url_length = 120;

constexpr std::string_view k_mask = "***";

struct Span {
  std::size_t begin = 0;
  std::size_t length = 0;
};

std::string mask_spans(std::string_view text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t at = 0;
  for (const Span& span : spans) {
    if (span.begin < at) continue;  // overlapping masks: the earlier one already covers it
    out.append(text.substr(at, span.begin - at));
    out.append(k_mask);
    at = span.begin + span.length;
  }
  out.append(text.substr(at));
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes. `what` names the URL part for the error; the password's bytes are never echoed.
std::string percent_decode(std::string_view text, std::string_view what, const std::string& shown_url) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      const std::string shown = what == "password" ? std::string() : fmt::format(" '{}'", text.substr(i, 3));
      throw UsageError(ErrorCode::bad_url, fmt::format("invalid percent-encoding{} in the {} of database URL '{}'",
                                                       shown, what, shown_url));
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

void check_port(std::string_view port, const std::string& shown_url) {
  const bool digits = !port.empty() && port.size() <= 5 &&
                      std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
  const long value = digits ? std::stol(std::string(port)) : 0;
  if (value < 1 || value > 65535)
    throw UsageError(ErrorCode::bad_url, fmt::format("invalid port '{}' in database URL '{}'; expected a number from 1 "
                                                     "to 65535",
                                                     util::excerpt(port), shown_url));
}

// "host[:port]" items separated by commas (libpq's multi-host form); IPv6 addresses in brackets.
void parse_hosts(std::string_view text, const std::string& shown_url, std::string& hosts, std::string& ports) {
  bool any_port = false;
  std::vector<std::string> host_items;
  std::vector<std::string> port_items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t length = comma == std::string_view::npos ? std::string_view::npos : comma - start;
    const std::string_view item = text.substr(start, length);
    std::string_view host = item;
    std::string_view port;
    bool has_port = false;
    if (!item.empty() && item.front() == '[') {
      const std::size_t close = item.find(']');
      if (close == std::string_view::npos)
        throw UsageError(ErrorCode::bad_url,
                         fmt::format("unterminated '[' in the host of database URL '{}'", shown_url));
      host = item.substr(1, close - 1);
      const std::string_view rest = item.substr(close + 1);
      if (!rest.empty()) {
        if (rest.front() != ':')
          throw UsageError(ErrorCode::bad_url, fmt::format("unexpected '{}' after ']' in the host of database URL '{}'",
                                                           util::excerpt(rest), shown_url));
        port = rest.substr(1);
        has_port = true;
      }
    } else if (const std::size_t colon = item.rfind(':'); colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
      has_port = true;
    }
    if (has_port) {
      check_port(port, shown_url);
      any_port = true;
    }
    host_items.push_back(percent_decode(host, "host", shown_url));
    port_items.emplace_back(port);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  hosts.clear();
  ports.clear();
  for (std::size_t i = 0; i < host_items.size(); ++i) {
    hosts += (i ? "," : "") + host_items[i];
    ports += (i ? "," : "") + port_items[i];
  }
  if (!any_port) ports.clear();
}

std::string unknown_parameter_message(const std::string& key, const std::string& shown_url) {
  const std::string message =
      fmt::format("unknown connection parameter '{}' in database URL '{}'", util::excerpt(key), shown_url);
  if (const auto suggestion = util::closest_match(key, postgres::connection_keywords()))
    return fmt::format("{}; did you mean '{}'?", message, *suggestion);
  return fmt::format("{}; query parameters must be libpq connection keywords (sslmode, connect_timeout, ...)", message);
}

}  // namespace

std::string_view engine_name(Engine engine) noexcept { return engine == Engine::sqlite ? "sqlite" : "postgresql"; }

DatabaseUrl DatabaseUrl::relative_to(const std::filesystem::path& folder) const {
  DatabaseUrl url = *this;
  if (m_engine != Engine::sqlite || is_memory() || folder.empty()) return url;
  const std::filesystem::path path(m_path);
  if (path.is_absolute()) return url;
  url.m_path = (folder / path).lexically_normal().string();
  return url;
}

DatabaseUrl DatabaseUrl::parse(std::string_view text) {
  if (text.empty()) throw UsageError(ErrorCode::bad_url, "database URL is empty");
  const std::size_t colon = text.find(':');
  const std::string shown = util::excerpt(redact_url_text(text), k_shown_url_length);
  if (colon == std::string_view::npos || colon == 0)
    throw UsageError(ErrorCode::bad_url, fmt::format("database URL '{}' has no scheme; use sqlite:path/to/file.db, "
                                                     "sqlite::memory: or postgresql://user@host/dbname",
                                                     shown));
  DatabaseUrl url;
  url.m_scheme = std::string(text.substr(0, colon));
  const std::string_view rest = text.substr(colon + 1);

  if (url.m_scheme == "sqlite") {
    url.m_engine = Engine::sqlite;
    url.m_redacted = std::string(text);
    if (rest.substr(0, 2) == "//") {
      const std::string_view after = rest.substr(2);
      const std::size_t slash = after.find('/');
      if (slash != 0) {
        const std::string host(after.substr(0, slash));
        throw UsageError(ErrorCode::bad_url, fmt::format("sqlite URL '{}' names a host ('{}'); use "
                                                         "sqlite:relative/path.db or sqlite:///absolute/path.db",
                                                         shown, util::excerpt(host)));
      }
      url.m_path = std::string(after);
    } else {
      url.m_path = std::string(rest);
    }
    if (url.m_path.empty() || url.m_path == "/")
      throw UsageError(
          ErrorCode::bad_url,
          fmt::format("sqlite URL '{}' names no file; use sqlite:path/to/file.db, sqlite:///absolute/path.db or "
                      "sqlite::memory:",
                      shown));
    return url;
  }

  if (url.m_scheme != "postgres" && url.m_scheme != "postgresql")
    throw UsageError(ErrorCode::bad_url, fmt::format("unsupported database URL scheme '{}' in '{}'; use sqlite:, "
                                                     "postgres:// or postgresql://",
                                                     util::excerpt(url.m_scheme), shown));
  url.m_engine = Engine::postgres;
  if (rest.substr(0, 2) != "//")
    throw UsageError(ErrorCode::bad_url, fmt::format("PostgreSQL URL '{}' must start with {}://", shown, url.m_scheme));

  // Locate the password spans first, so that every later error shows the URL redacted.
  const std::size_t base = colon + 3;
  const std::string_view body = text.substr(base);
  const std::size_t query_at = body.find('?');
  const std::string_view before_query = body.substr(0, query_at);
  const std::size_t slash = before_query.find('/');
  const std::string_view authority = before_query.substr(0, slash);
  const std::size_t at = authority.rfind('@');
  std::vector<Span> secrets;
  std::string_view userinfo;
  std::string_view hostport = authority;
  std::string_view user_text;
  std::string_view password_text;
  bool has_password = false;
  if (at != std::string_view::npos) {
    userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const std::size_t user_colon = userinfo.find(':');
    user_text = userinfo.substr(0, user_colon);
    if (user_colon != std::string_view::npos) {
      has_password = true;
      password_text = userinfo.substr(user_colon + 1);
      secrets.push_back({base + user_colon + 1, password_text.size()});
    }
  }
  // Query parameters as written; a value of nullopt means "key" without "=".
  std::vector<std::pair<std::string_view, std::optional<std::string_view>>> raw_parameters;
  if (query_at != std::string_view::npos) {
    std::size_t start = query_at + 1;
    while (start <= body.size()) {
      const std::size_t amp = body.find('&', start);
      const std::size_t end = amp == std::string_view::npos ? body.size() : amp;
      const std::string_view item = body.substr(start, end - start);
      if (!item.empty()) {
        const std::size_t equals = item.find('=');
        const std::string_view key = item.substr(0, equals);
        const std::string_view value = equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
        if (key == "password" && equals != std::string_view::npos)
          secrets.push_back({base + start + equals + 1, value.size()});
        if (equals == std::string_view::npos) raw_parameters.emplace_back(key, std::nullopt);
        else raw_parameters.emplace_back(key, value);
      }
      if (amp == std::string_view::npos) break;
      start = amp + 1;
    }
  }
  url.m_redacted = mask_spans(text, secrets);
  const std::string shown_url = util::excerpt(url.m_redacted, k_shown_url_length);

  if (!user_text.empty()) url.m_keywords.emplace_back("user", percent_decode(user_text, "user name", shown_url));
  if (has_password) url.m_keywords.emplace_back("password", percent_decode(password_text, "password", shown_url));
  if (!hostport.empty()) {
    std::string hosts;
    std::string ports;
    parse_hosts(hostport, shown_url, hosts, ports);
    if (!hosts.empty() && hosts.find_first_not_of(',') != std::string::npos) url.m_keywords.emplace_back("host", hosts);
    if (!ports.empty()) url.m_keywords.emplace_back("port", ports);
  }
  if (slash != std::string_view::npos && slash + 1 < before_query.size())
    url.m_keywords.emplace_back("dbname", percent_decode(before_query.substr(slash + 1), "database name", shown_url));
  for (const auto& [raw_key, raw_value] : raw_parameters) {
    const std::string key = percent_decode(raw_key, "parameter name", shown_url);
    if (!raw_value)
      throw UsageError(ErrorCode::bad_url, fmt::format("parameter '{}' has no value in database URL '{}'; write "
                                                       "{}=VALUE",
                                                       util::excerpt(key), shown_url, key));
    const auto& known = postgres::connection_keywords();
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw UsageError(ErrorCode::bad_url, unknown_parameter_message(key, shown_url));
    const std::string what = key == "password" ? "password" : fmt::format("parameter '{}'", key);
    std::string value = percent_decode(*raw_value, what, shown_url);
    if (key == "port") check_port(value, shown_url);
    url.m_keywords.emplace_back(key, std::move(value));
  }
  return url;
}

std::optional<std::string> DatabaseUrl::keyword(std::string_view name) const {
  for (auto it = m_keywords.rbegin(); it != m_keywords.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

std::string DatabaseUrl::password() const { return keyword("password").value_or(std::string()); }

std::string DatabaseUrl::without_password() const {
  std::string text = m_redacted;
  if (m_engine != Engine::postgres) return text;
  const std::string masked_userinfo = std::string(":") + std::string(k_mask) + "@";
  if (const std::size_t at = text.find(masked_userinfo); at != std::string::npos)
    text.replace(at, masked_userinfo.size(), "@");
  const std::string parameter = "password=" + std::string(k_mask);
  for (std::size_t at = text.find(parameter); at != std::string::npos; at = text.find(parameter)) {
    std::size_t begin = at;
    std::size_t end = at + parameter.size();
    if (end < text.size() && text[end] == '&') ++end;       // "password=***&next" -> "next"
    else if (begin > 0 && text[begin - 1] == '&') --begin;  // "prev&password=***" -> "prev"
    text.erase(begin, end - begin);
  }
  if (!text.empty() && text.back() == '?') text.pop_back();
  return text;
}

DatabaseUrl DatabaseUrl::with_database(std::string_view dbname) const {
  DatabaseUrl url = *this;
  std::erase_if(url.m_keywords, [](const auto& keyword) { return keyword.first == "dbname"; });
  url.m_keywords.emplace_back("dbname", std::string(dbname));
  // The printed form: the path between the authority and the query replaced by the new name.
  const std::size_t authority = url.m_redacted.find("://");
  const std::size_t start = authority == std::string::npos ? 0 : authority + 3;
  const std::size_t query = std::min(url.m_redacted.find('?', start), url.m_redacted.size());
  const std::size_t slash = std::min(url.m_redacted.find('/', start), query);
  url.m_redacted.replace(slash, query - slash, "/" + std::string(dbname));
  return url;
}

std::string redact_url_text(std::string_view text) {
  std::vector<Span> secrets;
  for (std::size_t scheme = text.find("://"); scheme != std::string_view::npos; scheme = text.find("://", scheme + 3)) {
    const std::size_t start = scheme + 3;
    const std::size_t end = std::min(text.find_first_of("/?# \t\r\n", start), text.size());
    const std::string_view authority = text.substr(start, end - start);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) continue;
    const std::size_t user_colon = authority.substr(0, at).find(':');
    if (user_colon != std::string_view::npos) secrets.push_back({start + user_colon + 1, at - user_colon - 1});
  }
  // "user:secret@host/db" with the scheme forgotten: everything between the first ':' and the last '@'.
  if (text.find("://") == std::string_view::npos) {
    const std::size_t at = text.rfind('@');
    const std::size_t colon = text.find(':');
    if (at != std::string_view::npos && colon != std::string_view::npos && colon < at)
      secrets.push_back({colon + 1, at - colon - 1});
  }
  for (std::size_t found = text.find("password="); found != std::string_view::npos;
       found = text.find("password=", found + 9)) {
    const std::size_t start = found + 9;
    const std::size_t end = std::min(text.find_first_of("& \t\r\n", start), text.size());
    secrets.push_back({start, end - start});
  }
  return mask_spans(text, secrets);
}

std::string scrub_secret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  std::vector<std::string> forms{std::string(secret)};
  std::string encoded;
  for (const unsigned char c : secret) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      constexpr char k_hex[] = "0123456789ABCDEF";
      encoded += {'%', k_hex[c >> 4], k_hex[c & 15]};
    }
  }
  if (encoded != secret) forms.push_back(encoded);
  for (const std::string& form : forms)
    for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + k_mask.size()))
      text.replace(at, form.size(), k_mask);
  return text;
}

}  // namespace strata::db
