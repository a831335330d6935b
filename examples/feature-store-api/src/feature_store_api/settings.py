from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FEATURE_STORE_")

    redis_url: str = "redis://localhost:6379/0"
    key_prefix: str = "fs:v3"
    max_features_per_request: int = 64
