package event

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of [Event] at [SchemaVersion].
// It allows properties it does not list, because fields are added within a
// major version; a consumer validating events should do the same.
//
//go:embed event.schema.json
var Schema []byte
