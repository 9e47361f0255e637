package serve

import (
	"reflect"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestFindingViewHasEveryField: every field of a store.FindingRow (its
// Key's and State's too) is a field of findingView of the same type, and
// views copies each one (rows set to distinct values, field by field).
func TestFindingViewHasEveryField(t *testing.T) {
	var row store.FindingRow
	rv := reflect.ValueOf(&row).Elem()
	fields := 0
	for i, f := range reflect.VisibleFields(rv.Type()) {
		if f.Anonymous {
			continue
		}
		v := rv.FieldByIndex(f.Index)
		switch x := v.Interface().(type) {
		case string:
			v.SetString("v-" + f.Name)
		case bool:
			v.SetBool(true)
		case int64:
			v.SetInt(int64(i + 1))
		case time.Time:
			v.Set(reflect.ValueOf(time.Unix(int64(1_800_000_000+i), 0).UTC()))
		default:
			t.Fatalf("FindingRow.%s is a %T: teach this test to set it", f.Name, x)
		}
		fields++
	}
	view := (&Server{}).views([]store.FindingRow{row})[0]
	vv := reflect.ValueOf(view)
	for _, f := range reflect.VisibleFields(rv.Type()) {
		if f.Anonymous {
			continue
		}
		got, ok := vv.Type().FieldByName(f.Name)
		if !ok || got.Type != f.Type || len(got.Index) != 1 {
			t.Errorf("findingView has no field %s of type %s of its own", f.Name, f.Type)
			continue
		}
		if want := rv.FieldByIndex(f.Index).Interface(); !reflect.DeepEqual(vv.FieldByIndex(got.Index).Interface(), want) {
			t.Errorf("views copied %s as %v, want %v", f.Name, vv.FieldByIndex(got.Index).Interface(), want)
		}
	}
	if fields < 15 {
		t.Fatalf("only %d fields of FindingRow seen", fields)
	}
}
