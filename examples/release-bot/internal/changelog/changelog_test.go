package changelog

import "testing"

func TestParse(t *testing.T) {
	body := "## Changes\n- feat(api): batch endpoint\n- fix: retry on 502\n- feat!: drop v1 routes\n- chore: bump deps\n"
	s := Parse("acme/ingest-gateway", "v2.0.0", body)
	if len(s.Features) != 2 || len(s.Fixes) != 1 || !s.Breaking {
		t.Fatalf("unexpected summary: %+v", s)
	}
}
