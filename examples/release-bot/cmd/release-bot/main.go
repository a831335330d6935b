// Command release-bot receives GitHub "release" webhooks and posts a
// changelog summary to the release channel.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"

	"github.com/google/uuid"

	"github.com/acme/release-bot/internal/changelog"
)

var commit = "dev"

type releaseEvent struct {
	Action  string `json:"action"`
	Release struct {
		TagName string `json:"tag_name"`
		Body    string `json:"body"`
	} `json:"release"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

func validSignature(secret, body []byte, header string) bool {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(header))
}

func main() {
	secret := []byte(os.Getenv("GITHUB_WEBHOOK_SECRET"))
	chatURL := os.Getenv("RELEASE_CHANNEL_WEBHOOK")

	http.HandleFunc("POST /webhooks/github", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil || !validSignature(secret, body, r.Header.Get("X-Hub-Signature-256")) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("X-GitHub-Event") != "release" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		var ev releaseEvent
		if err := json.Unmarshal(body, &ev); err != nil || ev.Action != "published" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		post := changelog.Parse(ev.Repository.FullName, ev.Release.TagName, ev.Release.Body).Post()
		msg, _ := json.Marshal(map[string]string{"text": post, "id": uuid.NewString()})
		resp, err := http.Post(chatURL, "application/json", bytes.NewReader(msg))
		if err != nil {
			log.Printf("posting to chat: %v", err)
		} else {
			resp.Body.Close()
		}
		w.WriteHeader(http.StatusAccepted)
	})
	http.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	log.Printf("release-bot %s listening on :8080", commit)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
