variable "REGISTRY" {
  default = "ghcr.io/acme"
}

variable "TAG" {
  default = "dev"
}

group "default" {
  targets = ["indexer"]
}

target "indexer" {
  context    = "."
  dockerfile = "Dockerfile"
  target     = "runtime"
  platforms  = ["linux/amd64"]
  tags       = ["${REGISTRY}/search-indexer:${TAG}"]
  cache-from = ["type=registry,ref=${REGISTRY}/search-indexer:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/search-indexer:buildcache,mode=max"]
}
