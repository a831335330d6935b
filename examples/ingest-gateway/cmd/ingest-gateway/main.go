// Command ingest-gateway accepts click-stream batches over HTTP.
package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/google/uuid"

	"github.com/acme/ingest-gateway/internal/ingest"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	r := chi.NewRouter()
	r.Use(middleware.RealIP, middleware.Recoverer)
	r.Use(middleware.Timeout(10 * time.Second))

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	r.Post("/v1/events", func(w http.ResponseWriter, req *http.Request) {
		var batch ingest.Batch
		dec := json.NewDecoder(http.MaxBytesReader(w, req.Body, 1<<20))
		if err := dec.Decode(&batch); err != nil {
			http.Error(w, "malformed batch", http.StatusBadRequest)
			return
		}
		if err := batch.Validate(time.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		batchID := uuid.New()
		logger.Info("batch accepted", "batch_id", batchID, "events", len(batch.Events))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(map[string]any{"batch_id": batchID, "accepted": len(batch.Events)})
	})

	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	logger.Info("listening", "addr", addr)
	if err := http.ListenAndServe(addr, r); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
