# frozen_string_literal: true

module SearchIndexer
  # Turns a catalogue row into the OpenSearch document shape.
  module Document
    module_function

    def from_row(row)
      {
        sku: row.fetch("sku"),
        title: row.fetch("title"),
        brand: row["brand"],
        categories: row.fetch("category_path", "").split(" > "),
        price: row.fetch("price_minor").to_i / 100.0,
        currency: row.fetch("currency"),
        in_stock: row.fetch("stock").to_i.positive?,
        updated_at: row.fetch("updated_at")
      }.compact
    end
  end
end
