"""Which chat channel hears about which repository, and what it says."""

CHANNELS = {
    "team-payments": "https://chat.acme.example/hooks/payments-builds",
    "team-data": "https://chat.acme.example/hooks/data-builds",
    "team-web": "https://chat.acme.example/hooks/web-builds",
    "team-platform": "https://chat.acme.example/hooks/platform-builds",
}

ICONS = {"success": "✅", "failure": "❌", "cancelled": "⚪"}


def channel_for(event: dict) -> str | None:
    return CHANNELS.get(event.get("owner", ""))


def message_for(event: dict) -> str:
    icon = ICONS.get(event["conclusion"], "❔")
    return (
        f"{icon} {event['repository']} {event['workflow']} on {event['branch']}: "
        f"{event['conclusion']} ({event['duration_seconds']}s) {event['url']}"
    )
