#include "strata/util/edit_distance.hpp"

#include <gtest/gtest.h>

using namespace strata::util;

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("revises", "revises_"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(EditDistance, SuggestsOnlyCloseCandidates) {
  EXPECT_EQ(closest_match("revsies", {"revision", "revises", "message"}), "revises");
  EXPECT_EQ(closest_match("zzzzzz", {"revision", "revises"}), std::nullopt);
}
