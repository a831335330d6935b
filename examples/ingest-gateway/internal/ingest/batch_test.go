package ingest

import (
	"testing"
	"time"
)

func TestValidateRejectsFutureEvents(t *testing.T) {
	now := time.Date(2024, 12, 1, 12, 0, 0, 0, time.UTC)
	b := Batch{Events: []Event{{Name: "page_view", SessionID: "s1", OccurredAt: now.Add(time.Hour)}}}
	if err := b.Validate(now); err == nil {
		t.Fatal("expected an error for an event one hour in the future")
	}
}

func TestValidateAcceptsGoodBatch(t *testing.T) {
	now := time.Date(2024, 12, 1, 12, 0, 0, 0, time.UTC)
	b := Batch{Events: []Event{{Name: "add_to_cart", SessionID: "s1", OccurredAt: now}}}
	if err := b.Validate(now); err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}
