#pragma once
// A small read-only view over libpg_query's parse trees as protobuf-c messages (pg_query.proto), read by field name
// through protobuf-c's reflection, so the rules read like the proto definitions ("relation", "table_elts") without
// depending on the thousands of generated struct types. Reading the tree this way avoids libpg_query's JSON output
// and a JSON parser, which were most of lint's time. A missing field, an unset message, or a field of another type
// reads as an empty value, never an error, like a field holding its default.
#include <protobuf-c/protobuf-c.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace strata::lint::tree {

// One message of the tree (a statement, a RangeVar, a Node wrapper...), or none.
class Msg {
public:
  Msg() = default;
  explicit Msg(const ProtobufCMessage* message) : m_message(message) {}
  explicit operator bool() const noexcept { return m_message != nullptr; }
  const ProtobufCMessage* raw() const noexcept { return m_message; }
  // The message's own type name, as in pg_query.proto ("RangeVar", "A_Const"). The descriptor's short_name is the
  // C spelling ("AConst"), so the name is taken from the full name after the package ("pg_query.A_Const").
  std::string_view type() const noexcept {
    if (!m_message) return {};
    const auto* descriptor = m_message->descriptor;
    const std::string_view full(descriptor->name);
    const auto package = std::char_traits<char>::length(descriptor->package_name);
    return package == 0 ? full : full.substr(package + 1);
  }

private:
  const ProtobufCMessage* m_message = nullptr;
};

namespace detail {

inline const ProtobufCFieldDescriptor* field(Msg message, const char* key) {
  if (!message) return nullptr;
  return protobuf_c_message_descriptor_get_field_by_name(message.raw()->descriptor, key);
}

template <typename T>
const T& member(Msg message, unsigned offset) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(message.raw()) + offset);
}

// A member of a oneof is set only when the oneof's case names it.
inline bool present(Msg message, const ProtobufCFieldDescriptor* field) {
  if ((field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) == 0) return true;
  return member<std::uint32_t>(message, field->quantifier_offset) == field->id;
}

inline const ProtobufCFieldDescriptor* single(Msg message, const char* key, ProtobufCType type) {
  const auto* found = field(message, key);
  if (!found || found->type != type || found->label == PROTOBUF_C_LABEL_REPEATED || !present(message, found))
    return nullptr;
  return found;
}

}  // namespace detail

// A repeated message field: a range of Msg.
class List {
public:
  List() = default;
  List(const ProtobufCMessage* const* items, std::size_t size) : m_items(items), m_size(size) {}
  class iterator {
  public:
    explicit iterator(const ProtobufCMessage* const* at) : m_at(at) {}
    Msg operator*() const { return Msg(*m_at); }
    iterator& operator++() {
      ++m_at;
      return *this;
    }
    bool operator!=(const iterator& other) const { return m_at != other.m_at; }

  private:
    const ProtobufCMessage* const* m_at;
  };
  iterator begin() const { return iterator(m_items); }
  iterator end() const { return iterator(m_items + m_size); }
  std::size_t size() const noexcept { return m_size; }
  bool empty() const noexcept { return m_size == 0; }
  Msg back() const { return m_size ? Msg(m_items[m_size - 1]) : Msg(); }

private:
  const ProtobufCMessage* const* m_items = nullptr;
  std::size_t m_size = 0;
};

// A message-typed field ("relation", "def", "raw_expr").
inline Msg get(Msg message, const char* key) {
  const auto* found = detail::single(message, key, PROTOBUF_C_TYPE_MESSAGE);
  return found ? Msg(detail::member<const ProtobufCMessage*>(message, found->offset)) : Msg();
}

// A string field, or an enum field's value name ("AT_AddColumn"); empty when unset (an enum's *_UNDEFINED zero).
inline std::string_view text(Msg message, const char* key) {
  const auto* found = detail::field(message, key);
  if (!found || found->label == PROTOBUF_C_LABEL_REPEATED || !detail::present(message, found)) return {};
  if (found->type == PROTOBUF_C_TYPE_STRING) {
    const char* value = detail::member<const char*>(message, found->offset);
    return value ? std::string_view(value) : std::string_view{};
  }
  if (found->type == PROTOBUF_C_TYPE_ENUM) {
    const int value = detail::member<int>(message, found->offset);
    if (value == 0) return {};
    const auto* named =
        protobuf_c_enum_descriptor_get_value(static_cast<const ProtobufCEnumDescriptor*>(found->descriptor), value);
    return named ? std::string_view(named->name) : std::string_view{};
  }
  return {};
}

inline bool flag(Msg message, const char* key) {
  const auto* found = detail::single(message, key, PROTOBUF_C_TYPE_BOOL);
  return found && detail::member<protobuf_c_boolean>(message, found->offset) != 0;
}

// A repeated message field ("cmds", "table_elts"); empty for anything else.
inline List list(Msg message, const char* key) {
  const auto* found = detail::field(message, key);
  if (!found || found->type != PROTOBUF_C_TYPE_MESSAGE || found->label != PROTOBUF_C_LABEL_REPEATED) return {};
  return List(detail::member<const ProtobufCMessage* const*>(message, found->offset),
              detail::member<std::size_t>(message, found->quantifier_offset));
}

// The message a Node wrapper holds, whatever its type.
inline Msg body(Msg node) {
  if (!node || node.type() != "Node") return {};
  // Every field of Node is a member of its one oneof; the case says which is set.
  const auto* descriptor = node.raw()->descriptor;
  if (descriptor->n_fields == 0) return {};
  const auto which = detail::member<std::uint32_t>(node, descriptor->fields[0].quantifier_offset);
  if (which == 0) return {};
  const auto* found = protobuf_c_message_descriptor_get_field(node.raw()->descriptor, which);
  return found ? Msg(detail::member<const ProtobufCMessage*>(node, found->offset)) : Msg();
}

// The type of the message a Node holds ("IndexStmt"); empty for an empty Node.
inline std::string_view kind(Msg node) { return body(node).type(); }

// The body of a Node of type `type` (a Node holding a ColumnDef -> the ColumnDef); none for another type.
inline Msg as(Msg node, const char* type) {
  const auto inner = body(node);
  return inner && inner.type() == type ? inner : Msg();
}

// A node's byte offset in the parsed text; `fallback` when unknown (-1) or 0 (a few nodes leave it unset; a node
// that really starts the text starts its statement too, where the fallback points).
inline std::size_t location(Msg message, std::size_t fallback) {
  const auto* found = detail::single(message, "location", PROTOBUF_C_TYPE_INT32);
  if (!found) return fallback;
  const auto value = detail::member<std::int32_t>(message, found->offset);
  return value > 0 ? static_cast<std::size_t>(value) : fallback;
}

// The last element of a list of String nodes ("names": [pg_catalog, int4] -> "int4").
inline std::string_view last_name(const List& names) {
  if (names.empty()) return {};
  if (const auto string = as(names.back(), "String")) return text(string, "sval");
  return {};
}

// A dotted name from a list of String nodes.
inline std::string dotted(const List& names) {
  std::string out;
  for (const auto name : names)
    if (const auto string = as(name, "String")) {
      if (!out.empty()) out += '.';
      out += text(string, "sval");
    }
  return out;
}

}  // namespace strata::lint::tree
