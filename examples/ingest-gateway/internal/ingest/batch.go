// Package ingest validates click-stream batches and appends them to the log.
package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// MaxBatchSize is the largest number of events accepted in one request.
const MaxBatchSize = 500

// Event is one click-stream event as sent by the storefront tracker.
type Event struct {
	Name       string          `json:"name"`
	SessionID  string          `json:"session_id"`
	OccurredAt time.Time       `json:"occurred_at"`
	Properties json.RawMessage `json:"properties,omitempty"`
}

// Batch is the request body of POST /v1/events.
type Batch struct {
	Events []Event `json:"events"`
}

// ErrEmptyBatch is returned for a batch without events.
var ErrEmptyBatch = errors.New("batch has no events")

// Validate checks size limits and required fields; now bounds clock skew.
func (b Batch) Validate(now time.Time) error {
	if len(b.Events) == 0 {
		return ErrEmptyBatch
	}
	if len(b.Events) > MaxBatchSize {
		return fmt.Errorf("batch has %d events, limit is %d", len(b.Events), MaxBatchSize)
	}
	for i, e := range b.Events {
		switch {
		case e.Name == "":
			return fmt.Errorf("event %d: name is required", i)
		case e.SessionID == "":
			return fmt.Errorf("event %d: session_id is required", i)
		case e.OccurredAt.After(now.Add(5 * time.Minute)):
			return fmt.Errorf("event %d: occurred_at is in the future", i)
		}
	}
	return nil
}
