// Each output format carries file, line, column, rule and revision; SARIF is validated against the 2.1.0 structure.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "strata/lint/formats.hpp"
#include "strata/lint/linter.hpp"

namespace strata::lint {
namespace {

using Json = nlohmann::json;

LintResult sample() {
  const std::string text =
      "-- revision: 0a1\n\n-- +up\nSET lock_timeout = '1s';\nSET statement_timeout = '5s';\n"
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);\nCREATE TABLE t (n integer);\n"
      "\n-- +down\nDROP TABLE t;\nDROP INDEX IF EXISTS ix;\n";
  Options options;
  options.excluded = {"require-lock-timeout", "require-statement-timeout", "require-concurrent-index-deletion"};
  return lint_file(text, "migrations/0a1_users.sql", options);
}

// The JSON Schema keywords the SARIF subset uses: type, required, properties, items, enum, minimum.
void validate(const Json& value, const Json& schema, const std::string& path, std::vector<std::string>& errors) {
  if (const auto type = schema.find("type"); type != schema.end()) {
    const auto wanted = type->get<std::string>();
    const bool ok = (wanted == "object" && value.is_object()) || (wanted == "array" && value.is_array()) ||
                    (wanted == "string" && value.is_string()) || (wanted == "integer" && value.is_number_integer()) ||
                    (wanted == "boolean" && value.is_boolean());
    if (!ok) errors.push_back(path + ": expected " + wanted);
  }
  if (const auto choices = schema.find("enum"); choices != schema.end())
    if (std::find(choices->begin(), choices->end(), value) == choices->end()) errors.push_back(path + ": not in enum");
  if (const auto minimum = schema.find("minimum"); minimum != schema.end() && value.is_number())
    if (value.get<double>() < minimum->get<double>()) errors.push_back(path + ": below minimum");
  if (value.is_object()) {
    const auto required = schema.value("required", Json::array());
    for (const auto& key : required)
      if (!value.contains(key.get<std::string>())) errors.push_back(path + ": missing " + key.get<std::string>());
    const auto properties = schema.value("properties", Json::object());
    for (const auto& [key, sub] : properties.items())
      if (value.contains(key)) validate(value[key], sub, path + "." + key, errors);
  }
  if (value.is_array())
    if (const auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < value.size(); ++i)
        validate(value[i], *items, path + "[" + std::to_string(i) + "]", errors);
}

TEST(Formats, SampleHasTheFindingsTheFormatsShow) {
  const auto result = sample();
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].rule, "ban-concurrent-index-creation-in-transaction");
  EXPECT_EQ(result.findings[1].rule, "prefer-bigint-over-int");
}

TEST(Formats, SarifValidatesAgainstTheSchema) {
  std::ifstream file(STRATA_SARIF_SCHEMA);
  ASSERT_TRUE(file) << STRATA_SARIF_SCHEMA;
  const auto schema = Json::parse(file);
  const Json sarif = Json::parse(to_sarif(sample(), "0.1.0").dump());
  std::vector<std::string> errors;
  validate(sarif, schema, "$", errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  const auto& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "ban-concurrent-index-creation-in-transaction");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "migrations/0a1_users.sql");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 1);
  EXPECT_EQ(result["properties"]["revision"], "0a1");
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
}

TEST(Formats, SchemaCheckCatchesABrokenLog) {
  std::ifstream file(STRATA_SARIF_SCHEMA);
  const auto schema = Json::parse(file);
  Json broken = Json::parse(to_sarif(sample(), "0.1.0").dump());
  broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  broken["runs"][0]["tool"]["driver"].erase("name");
  std::vector<std::string> errors;
  validate(broken, schema, "$", errors);
  EXPECT_EQ(errors.size(), 2u);
}

TEST(Formats, Gcc) {
  EXPECT_EQ(
      to_gcc(sample()),
      "migrations/0a1_users.sql:6:1: error: CREATE INDEX CONCURRENTLY cannot run inside a transaction, and this "
      "migration runs in one (transaction: per-migration) [ban-concurrent-index-creation-in-transaction] "
      "(revision 0a1)\n"
      "migrations/0a1_users.sql:7:19: warning: column \"n\" is integer: a 32-bit integer runs out at 2,147,483,647, "
      "and widening it later rewrites the table [prefer-bigint-over-int] (revision 0a1)\n");
}

TEST(Formats, GithubAnnotations) {
  const auto text = to_github(sample());
  const auto first = text.substr(0, text.find('\n'));
  EXPECT_EQ(first.substr(0, first.find("::", 2)),
            "::error file=migrations/0a1_users.sql,line=6,col=1,endLine=6,endColumn=60,"
            "title=ban-concurrent-index-creation-in-transaction");
  EXPECT_NE(first.find("(revision 0a1)%0Ahelp: add the header line"), std::string::npos) << first;
}

TEST(Formats, GitlabCodeQuality) {
  const auto issues = to_gitlab(sample());
  ASSERT_EQ(issues.size(), 2u);
  for (const auto& issue : issues) {
    for (const char* key : {"description", "check_name", "fingerprint", "severity", "location"})
      EXPECT_TRUE(issue.contains(key)) << key;
    EXPECT_EQ(issue["location"]["path"], "migrations/0a1_users.sql");
    EXPECT_EQ(issue["fingerprint"].get<std::string>().size(), 64u);
  }
  EXPECT_EQ(issues[0]["severity"], "major");
  EXPECT_EQ(issues[1]["severity"], "minor");
  EXPECT_EQ(issues[1]["location"]["lines"]["begin"], 7);
}

TEST(Formats, Json) {
  const auto document = to_json(sample());
  EXPECT_EQ(document["ok"], false);
  EXPECT_EQ(document["errors"], 1);
  EXPECT_EQ(document["warnings"], 1);
  const auto& finding = document["findings"][1];
  EXPECT_EQ(finding["file"], "migrations/0a1_users.sql");
  EXPECT_EQ(finding["line"], 7);
  EXPECT_EQ(finding["column"], 19);
  EXPECT_EQ(finding["rule"], "prefer-bigint-over-int");
  EXPECT_EQ(finding["revision"], "0a1");
  EXPECT_EQ(finding["section"], "up");
}

TEST(Formats, StreamedJsonIsTheSameDocument) {
  for (const auto& result : {sample(), LintResult{}}) {
    std::ostringstream streamed;
    write_json(result, streamed);
    EXPECT_EQ(streamed.str(), to_json(result).dump());
  }
}

}  // namespace
}  // namespace strata::lint
