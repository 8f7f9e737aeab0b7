#include "sandbox/dancu/xml_names.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::dancu {
namespace {

TEST(XmlNamesTest, ResolvesPrefixesAndDefaults) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(R"(<a:Root xmlns:a="urn:a" xmlns="urn:default">
      <Child><a:Leaf/><b:Other xmlns:b="urn:b"/><Reset xmlns=""/><c:Unbound/></Child></a:Root>)"));
  const auto root = doc.document_element();
  EXPECT_EQ(expanded_name(root), (ExpandedName{"urn:a", "Root"}));
  const auto child = root.first_child();
  EXPECT_EQ(expanded_name(child), (ExpandedName{"urn:default", "Child"}));
  auto it = child.children().begin();
  EXPECT_TRUE(is_element(*it++, "urn:a", "Leaf"));
  EXPECT_TRUE(is_element(*it++, "urn:b", "Other"));
  EXPECT_EQ(expanded_name(*it++), (ExpandedName{"", "Reset"}));
  EXPECT_FALSE(expanded_name(*it));  // c: is not declared
  EXPECT_EQ(lookup_namespace(root, "xml"), "http://www.w3.org/XML/1998/namespace");
}

TEST(XmlNamesTest, NoNamespaceWithoutDeclarations) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<Root/>"));
  EXPECT_EQ(expanded_name(doc.document_element()), (ExpandedName{"", "Root"}));
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
