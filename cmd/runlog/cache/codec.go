package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// The cache stores an analysis.FileResult in a compact binary form of its
// own: every field in declaration order, exported or not (a Measure keeps
// accumulators that are not exported, and the report needs them), so that
// what comes back is exactly what was measured. encoding/gob was tried
// first: it skips unexported fields, and compiling its decoder for every
// stored result cost more than half of a warm run (docs/performance.md).
//
// The layout follows the Go types, so the cache key carries a fingerprint
// of them (typeFingerprint): a runlog whose types changed never reads
// another's bytes, even if the analysis version was not bumped.

var timeType = reflect.TypeOf(time.Time{})

// typeFingerprint names t's layout: every field's name and kind, nested.
func typeFingerprint(t reflect.Type) string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		fmt.Fprintf(&b, "%s:%s(", t.String(), t.Kind())
		if !seen[t] {
			seen[t] = true
			switch t.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Array:
				if t.Kind() == reflect.Array {
					fmt.Fprintf(&b, "%d", t.Len())
				}
				walk(t.Elem())
			case reflect.Struct:
				if t != timeType {
					for i := 0; i < t.NumField(); i++ {
						b.WriteString(t.Field(i).Name + "=")
						walk(t.Field(i).Type)
					}
				}
			}
		}
		b.WriteString(")")
	}
	walk(t)
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

type encoder struct{ buf []byte }

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.buf = append(e.buf, 1)
		} else {
			e.buf = append(e.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.String:
		e.uvarint(uint64(v.Len()))
		e.buf = append(e.buf, v.String()...)
	case reflect.Slice:
		if v.IsNil() {
			e.uvarint(0)
			return nil
		}
		e.uvarint(uint64(v.Len()) + 1)
		for i := 0; i < v.Len(); i++ {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, 0)
			return nil
		}
		e.buf = append(e.buf, 1)
		return e.value(v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			b, err := readable(v).Interface().(time.Time).MarshalBinary()
			if err != nil {
				return err
			}
			e.uvarint(uint64(len(b)))
			e.buf = append(e.buf, b...)
			return nil
		}
		for i := 0; i < v.NumField(); i++ {
			if err := e.value(v.Field(i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("cannot store a %s", v.Type())
	}
	return nil
}

// readable is v made usable by Interface and Set even when it was reached
// through an unexported field. v must be addressable.
func readable(v reflect.Value) reflect.Value {
	if v.CanInterface() && v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

var errShort = errors.New("stored result is cut short")

// minSizes caches minSize by type.
var minSizes sync.Map // reflect.Type → int

// minSize is the fewest bytes encode writes for a value of type t: 8 for a
// float, the sum of the fields for a struct, one byte for anything of
// variable length (a varint, a length, a nil flag). Never 0, so that a
// count of elements can be checked against the bytes left.
func minSize(t reflect.Type) int {
	if n, ok := minSizes.Load(t); ok {
		return n.(int)
	}
	n := 1
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		n = 8
	case reflect.Array:
		n = max(1, t.Len()*minSize(t.Elem()))
	case reflect.Struct:
		if t != timeType {
			n = 0
			for i := 0; i < t.NumField(); i++ {
				n += minSize(t.Field(i).Type)
			}
			n = max(n, 1)
		}
	}
	minSizes.Store(t, n)
	return n
}

type decoder struct{ buf []byte }

func (d *decoder) uvarint() (uint64, error) {
	x, n := binary.Uvarint(d.buf)
	if n <= 0 {
		return 0, errShort
	}
	d.buf = d.buf[n:]
	return x, nil
}

func (d *decoder) take(n uint64) ([]byte, error) {
	if n > uint64(len(d.buf)) {
		return nil, errShort
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b, nil
}

// littleEndian: this machine stores a float64 as encode writes it.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// floatsOnlyTypes caches floatsOnly by type.
var floatsOnlyTypes sync.Map // reflect.Type → bool

// floatsOnly reports whether a value of type t is nothing but float64s
// (a float64, an array or struct of them, nested), so that its memory is
// exactly the 8-byte little-endian floats encode writes in field order,
// on a little-endian machine. The bins of a measured run are such values:
// decoding them as one copy instead of a float at a time made a warm rerun
// about a third faster.
func floatsOnly(t reflect.Type) bool {
	if ok, known := floatsOnlyTypes.Load(t); known {
		return ok.(bool)
	}
	ok := false
	switch t.Kind() {
	case reflect.Float64:
		ok = true
	case reflect.Array:
		ok = floatsOnly(t.Elem())
	case reflect.Struct:
		ok = t != timeType && t.NumField() > 0
		n := uintptr(0)
		for i := 0; ok && i < t.NumField(); i++ {
			ok = floatsOnly(t.Field(i).Type)
			n += t.Field(i).Type.Size()
		}
		ok = ok && n == t.Size() // no padding
	}
	floatsOnlyTypes.Store(t, ok)
	return ok
}

// floats copies the next len(dst) bytes into dst, the memory of a
// floatsOnly value.
func (d *decoder) floats(dst unsafe.Pointer, size uintptr) error {
	b, err := d.take(uint64(size))
	if err != nil {
		return err
	}
	copy(unsafe.Slice((*byte)(dst), size), b)
	return nil
}

// value decodes into v, which must be addressable.
func (d *decoder) value(v reflect.Value) error {
	if littleEndian && v.Kind() != reflect.Float64 && floatsOnly(v.Type()) && v.Type().Size() > 0 {
		return d.floats(unsafe.Pointer(v.UnsafeAddr()), v.Type().Size())
	}
	if v.Kind() == reflect.Float64 { // the bulk of a result: no reflect.NewAt for each
		b, err := d.take(8)
		if err != nil {
			return err
		}
		*(*float64)(unsafe.Pointer(v.UnsafeAddr())) = math.Float64frombits(binary.LittleEndian.Uint64(b))
		return nil
	}
	v = readable(v)
	switch v.Kind() {
	case reflect.Bool:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		v.SetBool(b[0] == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x, n := binary.Varint(d.buf)
		if n <= 0 {
			return errShort
		}
		d.buf = d.buf[n:]
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		x, err := d.uvarint()
		if err != nil {
			return err
		}
		v.SetUint(x)
	case reflect.Float32, reflect.Float64:
		b, err := d.take(8)
		if err != nil {
			return err
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case reflect.String:
		n, err := d.uvarint()
		if err != nil {
			return err
		}
		b, err := d.take(n)
		if err != nil {
			return err
		}
		v.SetString(string(b))
	case reflect.Slice:
		n, err := d.uvarint()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		n--
		if n > uint64(len(d.buf)) { // every element takes at least a byte
			return errShort
		}
		// Made at the length the bytes claim only when the bytes left can
		// hold that many elements (each takes at least minSize bytes);
		// otherwise grown as the elements are read: damaged bytes claiming
		// a million large elements cost only what is really there.
		if n*uint64(minSize(v.Type().Elem())) <= uint64(len(d.buf)) {
			s := reflect.MakeSlice(v.Type(), int(n), int(n))
			if elem := v.Type().Elem(); littleEndian && floatsOnly(elem) && elem.Size() > 0 {
				if err := d.floats(s.UnsafePointer(), uintptr(n)*elem.Size()); err != nil {
					return err
				}
				v.Set(s)
				return nil
			}
			for i := 0; i < int(n); i++ {
				if err := d.value(s.Index(i)); err != nil {
					return err
				}
			}
			v.Set(s)
			return nil
		}
		s := reflect.MakeSlice(v.Type(), 0, int(min(n, 64)))
		zero := reflect.Zero(v.Type().Elem())
		for i := 0; i < int(n); i++ {
			s = reflect.Append(s, zero)
			if err := d.value(s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		if b[0] == 0 {
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := d.value(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		if v.Type() == timeType {
			n, err := d.uvarint()
			if err != nil {
				return err
			}
			b, err := d.take(n)
			if err != nil {
				return err
			}
			var t time.Time
			if err := t.UnmarshalBinary(b); err != nil {
				return err
			}
			v.Set(reflect.ValueOf(t))
			return nil
		}
		for i := 0; i < v.NumField(); i++ {
			if err := d.value(v.Field(i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("cannot read a %s", v.Type())
	}
	return nil
}

// encode stores *p (a pointer to a value of plain data: no maps,
// interfaces, channels or functions).
func encode(p any) ([]byte, error) {
	e := encoder{}
	err := e.value(reflect.ValueOf(p).Elem())
	return e.buf, err
}

// decode fills *p from what encode wrote. Damaged bytes are an error,
// never a panic.
func decode(data []byte, p any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stored result is damaged: %v", r)
		}
	}()
	d := decoder{buf: data}
	if err := d.value(reflect.ValueOf(p).Elem()); err != nil {
		return err
	}
	if len(d.buf) != 0 {
		return errors.New("stored result has bytes left over")
	}
	return nil
}
