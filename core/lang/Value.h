#pragma once
// The interpreter's values. Dynamic: a Value carries its kind; integers are 64-bit with Rust's overflow panic.
// Aggregates (tuples, vectors, structs, enum payloads) hold their elements in shared cells, so a reference
// (`&mut v`, a MutexGuard) is an alias of the place it points to, as the subset treats references.
#include "Cells.h"
#include "Text.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wl::lang {

struct Value;

struct Expr;
struct Item;
struct Scope;

enum class ValueKind : std::uint8_t {
    Unit, Bool, Int, Float, Char, Str,
    Tuple, Vec, Struct, Enum,      // items; Struct: names too; Struct/Enum: typeName (and variant)
    Range,                         // items: start, end (Unit when open); inclusive
    Function, Closure,             // callables
    Library,                       // a library function or constant named by path (tokio::spawn, Duration::from_secs)
    Future,                        // lazy: runs when awaited or spawned
    JoinHandle, Duration, Instant, // Duration, Instant: nanoseconds in `integer`
    Ref,                           // an alias of `target`
    Mutex, Atomic,                 // a shared cell (Arc<Mutex<T>>, AtomicUsize)
    Opaque,                        // something of the library's own (a Waker, a Context)
};

// A struct's field names, interned: the values of one struct type share one list.
using FieldNames = std::vector<std::string>;
const FieldNames* fieldNames(FieldNames names);

struct FutureState;
struct JoinHandleState;

// A name the program or the library gives (a type, a variant, an impl's type): interned, so a value carries a
// pointer rather than a string of its own (values are copied everywhere; coroutine frames hold many).
inline const std::string kNoName;  // what a default Name points at (no lookup: values are made everywhere)

class Name {
public:
    Name() : s_(&kNoName) {}
    Name(std::string_view s) : s_(&intern(s)) {}
    Name(const std::string& s) : s_(&intern(s)) {}
    Name(const char* s) : s_(&internLiteral(s)) {}
    const std::string& str() const { return *s_; }
    operator const std::string&() const { return *s_; }
    bool empty() const { return s_->empty(); }
    friend bool operator==(const Name& a, const Name& b) { return a.s_ == b.s_; }
    // Inline, so that against a literal (v.typeName == "broadcast::Sender") the length is a constant and names of
    // another length differ without a strlen and a memcmp (the library's dispatch compares many).
    [[gnu::always_inline]] friend bool operator==(const Name& a, const char* b)
    {
        const std::size_t n = __builtin_strlen(b);
        return a.s_->size() == n && __builtin_memcmp(a.s_->data(), b, n) == 0;
    }
    friend bool operator==(const Name& a, const std::string& b) { return *a.s_ == b; }
    friend bool operator==(const Name& a, std::string_view b) { return *a.s_ == b; }
    friend std::string operator+(const Name& a, const std::string& b) { return *a.s_ + b; }
    friend std::string operator+(const std::string& a, const Name& b) { return a + *b.s_; }
    friend std::string operator+(const Name& a, const char* b) { return *a.s_ + b; }
    friend std::string operator+(const char* a, const Name& b) { return a + *b.s_; }

private:
    static const std::string& intern(std::string_view s);
    // intern() for a C string, through a small per-thread cache keyed by its address: the library names its
    // values with literals ("broadcast::Receiver"), each made many times, and a hit (checked against the text, so
    // a reused buffer cannot alias) takes no lock.
    static const std::string& internLiteral(const char* s);
    const std::string* s_;
};

// Small (104 bytes), as values are moved at every step and coroutine frames hold many: a kind uses only some of
// the fields, and those no kind shares overlap.
struct Value {
    ValueKind kind = ValueKind::Unit;
    bool boolean = false;
    bool inclusive = false;  // Range
    union {
        std::int64_t integer = 0;  // Int; Duration, Instant: nanoseconds
        double real;               // Float
    };
    Text text;      // Str, Char (UTF-8)
    Name typeName;  // Struct, Enum; Library: its path; Opaque: what it is
    Name variant;   // Enum; Function: the impl it is in (its Self), if any
    std::shared_ptr<Cells> items;
    const FieldNames* names = nullptr;  // Struct (and record variant) field names, parallel to items
    union {
        const Item* function = nullptr;  // Function
        const Expr* closure;             // Closure
    };
    Cell target;  // Ref, Mutex, Atomic
    std::shared_ptr<void> object;  // Opaque: the library's own object (a channel end, a semaphore, a permit),
                                   // released when the last value holding it goes (that is its drop); Future,
                                   // JoinHandle, Closure: their state (one slot serves, a value has one kind)

    FutureState* future() const { return static_cast<FutureState*>(object.get()); }
    JoinHandleState* handle() const { return static_cast<JoinHandleState*>(object.get()); }
    std::shared_ptr<JoinHandleState> sharedHandle() const { return std::static_pointer_cast<JoinHandleState>(object); }
    std::shared_ptr<Scope> captured() const { return std::static_pointer_cast<Scope>(object); }  // Closure

    static Value unit() { return {}; }
    static Value boolean_(bool b);
    static Value int_(std::int64_t i);
    static Value float_(double d);
    static Value str(std::string s);
    static Value char_(std::string utf8);
    static Value tuple(std::vector<Value> items);
    static Value vec(std::vector<Value> items);
    static Value enum_(Name type, Name variant, std::vector<Value> payload = {});
    static Value some(Value v);
    static Value none();
    static Value ok(Value v);
    static Value err(Value v);
    static Value duration(std::int64_t ns);
    static Value ref(Cell target);

    bool is(const char* type, const char* v) const { return kind == ValueKind::Enum && typeName == type && variant == v; }
    const Value& payload(size_t i = 0) const { return *items->at(i); }
};

static_assert(sizeof(Value) <= 104, "a Value is moved at every step: keep it small");

Cell cell(Value v);
Cells cells(std::vector<Value> values);

// Follows references to the value they name.
const Value& deref(const Value& v);
Value& derefMut(Value& v);

// A deep copy of what the value owns (Vec, String, structs); shared things (Arc, Mutex, handles) stay shared.
Value cloneValue(const Value& v);
bool equal(const Value& a, const Value& b);
// -1, 0, 1; throws RustPanic for values that do not compare.
int compare(const Value& a, const Value& b);

std::string display(const Value& v);  // {}
std::string debug(const Value& v);    // {:?}
std::string kindName(const Value& v);  // for messages: "an integer", "a String", "Option", ...

// A Rust panic: unwinds to the task, which ends with it (a JoinError for whoever awaits it).
struct RustPanic : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace wl::lang
