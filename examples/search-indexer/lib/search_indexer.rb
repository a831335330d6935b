# frozen_string_literal: true

require "sidekiq"
require_relative "search_indexer/document"
require_relative "search_indexer/index_product_job"

# Indexes catalogue products into OpenSearch. Jobs are enqueued by the
# catalogue service whenever a product, price or stock level changes.
module SearchIndexer
  INDEX = ENV.fetch("SEARCH_INDEX", "products-v7")
end
