from feature_store_api.main import feature_key


def test_feature_key_is_namespaced():
    assert feature_key("merchant", "m_123") == "fs:v3:merchant:m_123"
