# frozen_string_literal: true

require "json"
require "net/http"
require "pg"

module SearchIndexer
  # Sidekiq job: (re)indexes one product, or deletes it when it is gone.
  class IndexProductJob
    include Sidekiq::Job
    sidekiq_options queue: :catalog, retry: 10

    QUERY = <<~SQL
      SELECT sku, title, brand, category_path, price_minor, currency, stock, updated_at
      FROM products WHERE sku = $1 AND published
    SQL

    def perform(sku)
      row = db.exec_params(QUERY, [sku]).first
      uri = URI.join(opensearch_url, "/#{INDEX}/_doc/#{URI.encode_www_form_component(sku)}")
      request = row ? Net::HTTP::Put.new(uri) : Net::HTTP::Delete.new(uri)
      if row
        request["Content-Type"] = "application/json"
        request.body = JSON.generate(Document.from_row(row))
      end
      response = Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == "https") { |http| http.request(request) }
      return if response.is_a?(Net::HTTPSuccess) || (row.nil? && response.code == "404")

      raise "OpenSearch #{response.code} for #{sku}: #{response.body}"
    end

    private

    def db
      Thread.current[:search_indexer_db] ||= PG.connect(ENV.fetch("DATABASE_URL"))
    end

    def opensearch_url
      ENV.fetch("OPENSEARCH_URL", "http://localhost:9200")
    end
  end
end
