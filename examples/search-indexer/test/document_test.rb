# frozen_string_literal: true

require "minitest/autorun"
require "search_indexer/document"

class DocumentTest < Minitest::Test
  def test_builds_categories_and_price
    doc = SearchIndexer::Document.from_row(
      "sku" => "SKU-1", "title" => "Trail shoe", "brand" => nil,
      "category_path" => "Shoes > Running", "price_minor" => "8999",
      "currency" => "EUR", "stock" => "3", "updated_at" => "2024-12-01T10:00:00Z"
    )
    assert_equal %w[Shoes Running], doc[:categories]
    assert_in_delta 89.99, doc[:price]
    assert doc[:in_stock]
    refute doc.key?(:brand)
  end
end
