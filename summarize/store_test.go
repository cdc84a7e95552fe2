package summarize

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// newCase inserts a case row and returns its id.
func newCase(t *testing.T, db *database.DB, key string) int64 {
	t.Helper()
	var id int64
	if err := db.Pool.QueryRow(context.Background(),
		`INSERT INTO cases (association_key, fiscal_year) VALUES ($1, 2023) RETURNING id`, key).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func save(t *testing.T, db *database.DB, caseID int64, s *Summary) (int64, int) {
	t.Helper()
	var id int64
	var v int
	err := db.Transact(context.Background(), func(tx pgx.Tx) error {
		var err error
		id, v, err = Save(context.Background(), tx, caseID, s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, v
}

func TestStore(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	caseID := newCase(t, db, "802412-3450")
	other := newCase(t, db, "802000-0000")

	rules, err := Rules{}.Summarize(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	llm := *rules
	llm.Backend, llm.Model, llm.PromptVersion, llm.CacheKey = "openai", "test-model", PromptVersion, "key-1"
	llm.TokensIn, llm.TokensOut, llm.EnergyWh = 1000, 200, 0.18

	id1, v1 := save(t, db, caseID, rules)
	t.Run("redelivery returns the existing row", func(t *testing.T) {
		id, v := save(t, db, caseID, rules)
		if id != id1 || v != v1 || v1 != 1 {
			t.Errorf("got %d v%d, want %d v1", id, v, id1)
		}
	})
	id2, v2 := save(t, db, caseID, &llm)
	t.Run("another backend is the next version", func(t *testing.T) {
		if v2 != 2 || id2 == id1 {
			t.Errorf("got %d v%d, want a new row v2", id2, v2)
		}
	})
	t.Run("latest", func(t *testing.T) {
		st, err := Latest(ctx, db.Pool, caseID)
		if err != nil {
			t.Fatal(err)
		}
		if st.ID != id2 || st.Version != 2 || st.Backend != "openai" || st.TokensIn != 1000 || st.EnergyWh != 0.18 {
			t.Errorf("latest = %+v", st)
		}
		if Body(st.Sections) != Body(rules.Sections) || len(st.Sections[0].Sentences[0].Refs) != 1 {
			t.Error("sections did not survive the round trip")
		}
	})
	t.Run("by id", func(t *testing.T) {
		st, err := ByID(ctx, db.Pool, id1)
		if err != nil || st.Backend != "rules" || st.CaseID != caseID || st.InputHash != rules.InputHash {
			t.Errorf("ByID = %+v, %v", st, err)
		}
	})
	t.Run("versions", func(t *testing.T) {
		vs, err := Versions(ctx, db.Pool, caseID)
		if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
			t.Errorf("Versions = %d rows, %v", len(vs), err)
		}
		vs, err = Versions(ctx, db.Pool, other)
		if err != nil || len(vs) != 0 {
			t.Errorf("other case: %d rows, %v", len(vs), err)
		}
	})
	t.Run("cache", func(t *testing.T) {
		s, err := DBCache{Q: db.Pool}.Get(ctx, "key-1")
		if err != nil || s.Backend != "openai" {
			t.Errorf("cache get = %+v, %v", s, err)
		}
		if _, err := (DBCache{Q: db.Pool}).Get(ctx, "no-such-key"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing key: %v", err)
		}
		fb := llm
		fb.InputHash, fb.CacheKey, fb.Fallback, fb.Backend = "other-input", "key-2", true, "rules"
		save(t, db, caseID, &fb)
		if _, err := (DBCache{Q: db.Pool}).Get(ctx, "key-2"); !errors.Is(err, ErrNotFound) {
			t.Errorf("a fallback summary must not be served from the cache: %v", err)
		}
	})
	t.Run("concurrent saves get distinct versions", func(t *testing.T) {
		c := newCase(t, db, "concurrent")
		const n = 8
		errs := make(chan error, n)
		versions := make(chan int, n)
		for i := range n {
			go func() {
				s := *rules
				s.InputHash = fmt.Sprintf("input-%d", i%4) // pairs are redeliveries
				errs <- db.Transact(ctx, func(tx pgx.Tx) error {
					_, v, err := Save(ctx, tx, c, &s)
					versions <- v
					return err
				})
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		vs, err := Versions(ctx, db.Pool, c)
		if err != nil || len(vs) != 4 {
			t.Fatalf("got %d versions, want 4: %v", len(vs), err)
		}
		for i, v := range vs {
			if v.Version != i+1 {
				t.Errorf("version %d at %d", v.Version, i)
			}
		}
	})
	t.Run("not found", func(t *testing.T) {
		if _, err := Latest(ctx, db.Pool, other); !errors.Is(err, ErrNotFound) {
			t.Errorf("Latest: %v", err)
		}
		if _, err := ByID(ctx, db.Pool, 99999); !errors.Is(err, ErrNotFound) {
			t.Errorf("ByID: %v", err)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		err := db.Transact(ctx, func(tx pgx.Tx) error {
			_, _, err := Save(ctx, tx, caseID, &Summary{})
			return err
		})
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Save(empty) = %v", err)
		}
	})
}

func TestStoreNewModelOrFallbackIsANewVersion(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	caseID := newCase(t, db, "802412-3450")
	base, err := Rules{}.Summarize(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	a := *base
	a.Backend, a.BackendVersion = "openai", "openai/1 model=m1 prompt=p2"
	b := a
	b.BackendVersion = "openai/1 model=m2 prompt=p2" // the same input, another model
	fallback := *base
	fallback.Fallback = true // the rule-based summary after an AI failure
	idA, vA := save(t, db, caseID, &a)
	idB, vB := save(t, db, caseID, &b)
	idR, vR := save(t, db, caseID, base)
	idF, vF := save(t, db, caseID, &fallback)
	if idA == idB || idR == idF || vA != 1 || vB != 2 || vR != 3 || vF != 4 {
		t.Errorf("versions %d %d %d %d (ids %d %d %d %d), want four versions", vA, vB, vR, vF, idA, idB, idR, idF)
	}
	if id, v := save(t, db, caseID, &b); id != idB || v != vB {
		t.Errorf("a redelivery made version %d, want the existing %d", v, vB)
	}
}
