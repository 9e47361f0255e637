package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// AccountContext is what the dashboard's account page shows besides the
// findings, as a scan saw it: the resources per service (what the
// responsibility matrix decides "in use" from) and the account's data
// map. Both are JSON of the caller's types (internal/cli fills them from
// internal/responsibility and internal/datamap). A row is written only
// when it differs from the account's latest, so the store grows with
// change, not with scans.
type AccountContext struct {
	Account string
	Usage   any
	DataMap any
}

// recordContexts stores each context that differs from its account's
// latest one; within the scan's transaction.
func (s *Store) recordContexts(ctx context.Context, tx *sql.Tx, scanID int64, cs []AccountContext) error {
	for _, c := range cs {
		usage, err := jsonText(c.Usage)
		if err != nil {
			return fmt.Errorf("account %s's services: %w", c.Account, err)
		}
		dmJSON, err := jsonText(c.DataMap)
		if err != nil {
			return fmt.Errorf("account %s's data map: %w", c.Account, err)
		}
		dm, err := pack(dmJSON)
		if err != nil {
			return fmt.Errorf("account %s's data map: %w", c.Account, err)
		}
		var lastUsage, lastMap string
		err = tx.QueryRowContext(ctx, s.q(`SELECT usage, datamap FROM account_context WHERE account = ?
			ORDER BY scan_id DESC LIMIT 1`), c.Account).Scan(&lastUsage, &lastMap)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read account %s's context: %w", c.Account, err)
		}
		if err == nil && lastUsage == usage && lastMap == dm {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO account_context (account, scan_id, usage, datamap) VALUES (?,?,?,?)`),
			c.Account, scanID, usage, dm); err != nil {
			return fmt.Errorf("record account %s's context: %w", c.Account, err)
		}
	}
	return nil
}

// StoredContext is an account's context as of a scan, its JSON as
// recorded.
type StoredContext struct {
	// Scan is the scan that recorded it (the latest change at or before
	// the scan asked about).
	Scan    int64
	Usage   string
	DataMap string
}

// ContextAt returns account's context as of scan id: its latest row at or
// before it (false when none: scans recorded before migration 0004, or by
// a source that keeps none).
func (s *Store) ContextAt(ctx context.Context, account string, id int64) (StoredContext, bool, error) {
	var c StoredContext
	err := s.db.QueryRowContext(ctx, s.q(`SELECT scan_id, usage, datamap FROM account_context
		WHERE account = ? AND scan_id <= ? ORDER BY scan_id DESC LIMIT 1`), account, id).Scan(&c.Scan, &c.Usage, &c.DataMap)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, s.wrap("read an account's context", err)
	}
	if c.DataMap, err = unpack(c.DataMap); err != nil {
		return c, false, s.wrap("read an account's context", fmt.Errorf("account %s's data map: %w", account, err))
	}
	return c, true, nil
}

// packedPrefix marks a gzip-compressed, base64-encoded JSON text: a data
// map's JSON repeats its field names and regions for every store (the
// demo's is about 100 KB, about 10 KB packed).
const packedPrefix = "gz:"

// pack compresses a JSON text; the same text always packs the same (no
// name or time in the gzip header), so an unchanged context compares equal.
func pack(text string) (string, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := zw.Write([]byte(text)); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return packedPrefix + base64.StdEncoding.EncodeToString(b.Bytes()), nil
}

// unpack returns the JSON text pack packed (plain JSON as it is).
func unpack(text string) (string, error) {
	rest, ok := strings.CutPrefix(text, packedPrefix)
	if !ok {
		return text, nil
	}
	raw, err := base64.StdEncoding.DecodeString(rest)
	if err != nil {
		return "", err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// ContextSize is the bytes the kept account contexts take as stored.
func (s *Store) ContextSize(ctx context.Context) (int, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT SUM(LENGTH(usage) + LENGTH(datamap)) FROM account_context`).Scan(&n); err != nil {
		return 0, s.wrap("measure the account contexts", err)
	}
	return int(n.Int64), nil
}
