#pragma once
// The syntax tree of a program, every node with its span. Nodes are "fat" (one struct per family with the fields
// its kinds use) so the interpreter can walk them without casts; each kind's comment says which fields it uses.
// Types are kept (printed in messages, needed where they change meaning, such as `as` casts) but mostly ignored.
#include "Source.h"
#include "Token.h"

#include <memory>
#include <string>
#include <vector>

namespace wl::lang {

struct Expr;
struct Pat;
struct Type;
struct Block;
struct Item;
using ExprP = std::unique_ptr<Expr>;
using PatP = std::unique_ptr<Pat>;
using TypeP = std::unique_ptr<Type>;
using BlockP = std::unique_ptr<Block>;
using ItemP = std::unique_ptr<Item>;

// A path such as tokio::time::sleep or Vec::<u32>::new; generic arguments are kept per segment.
struct PathSegment {
    std::string name;
    std::vector<TypeP> generics;
    Span span;
};
struct Path {
    std::vector<PathSegment> segments;
    Span span;
    std::string text() const;  // "tokio::time::sleep"
};

enum class TypeKind : std::uint8_t {
    Path,      // path (Vec<u32>, Result<(), String>, Self)
    Ref,       // & [mut] inner; lifetime ignored
    Tuple,     // items; () is the unit type
    Array,     // [inner; len]
    Slice,     // [inner]
    ImplTrait, // impl path (+ more bounds, ignored)
    DynTrait,  // dyn path
    Fn,        // fn(items) -> inner
    Never,     // !
    Infer,     // _
    Ptr,       // *const / *mut inner
};
struct Type {
    TypeKind kind = TypeKind::Path;
    Span span;
    Path path;
    bool mut = false;
    TypeP inner;
    std::vector<TypeP> items;
    ExprP len;
};

enum class PatKind : std::uint8_t {
    Wild,        // _
    Rest,        // ..
    Ident,       // [ref] [mut] name [@ sub]
    Literal,     // expr (a literal, possibly negated)
    Range,       // lo ..= hi / lo .. hi (lo or hi may be missing)
    Tuple,       // items
    TupleStruct, // path(items)
    Struct,      // path { fields: name -> pattern; rest }
    Path,        // path (a unit variant, a constant, None)
    Ref,         // & [mut] sub
    Or,          // items
    Slice,       // [items]
};
struct FieldPat {
    std::string name;
    PatP pat;  // for shorthand `x`, an Ident pattern named x
    Span span;
};
struct Pat {
    PatKind kind = PatKind::Wild;
    Span span;
    std::string name;  // Ident
    bool mut = false, byRef = false, inclusive = true, rest = false;
    Path path;
    PatP sub;
    ExprP lo, hi;  // Literal: lo; Range: lo, hi
    std::vector<PatP> items;
    std::vector<FieldPat> fields;
};

// Whether matching the pattern binds a name (x, Some(x), (a, _), Point { x, .. }); `_`, literals, ranges and
// paths (None, a constant) do not.
inline bool bindsName(const Pat& p)
{
    switch (p.kind) {
    case PatKind::Ident: return true;
    case PatKind::Wild:
    case PatKind::Rest:
    case PatKind::Literal:
    case PatKind::Range:
    case PatKind::Path: return false;
    default: break;
    }
    if (p.sub && bindsName(*p.sub))
        return true;
    for (const auto& i : p.items)
        if (bindsName(*i))
            return true;
    for (const auto& f : p.fields)
        if (!f.pat || bindsName(*f.pat))
            return true;
    return false;
}

enum class ExprKind : std::uint8_t {
    Literal,     // token (Int, Float, Str, Char, Byte, ByteStr, KwTrue, KwFalse)
    Path,        // path
    Unary,       // op (Minus, Bang, Star, And) a; mut for &mut
    Binary,      // op a b
    Assign,      // a = b
    CompoundAssign, // op (PlusEq, ...) a b
    Call,        // a(list)
    MethodCall,  // a.name::<generics>(list)
    Field,       // a.name (a tuple index is a name of digits)
    Index,       // a[b]
    Await,       // a.await
    Try,         // a?
    Cast,        // a as type
    Block,       // block (async: an async block, move)
    If,          // a (condition, may be a Let) block (then) b (else: an If or a Block)
    Let,         // let pat = a, inside if / while conditions
    While,       // a (condition) block, label
    Loop,        // block, label
    For,         // pat in a block, label
    Match,       // a { arms }
    Closure,     // move, async; params; type (return); a (body)
    Break,       // label, a (value, optional)
    Continue,    // label
    Return,      // a (optional)
    Range,       // a .. b (either optional), inclusive
    Tuple,       // list; (a,) is a one-element tuple
    Paren,       // (a)
    Array,       // [list]
    ArrayRepeat, // [a; b]
    Struct,      // path { fields } with base a (..base)
    Macro,       // path!(...): the macros the subset knows, parsed into list / arms (see Parser.cpp)
};
struct MatchArm {
    PatP pat;
    ExprP guard;
    ExprP body;
    Span span;
};
struct FieldInit {
    std::string name;
    ExprP value;  // shorthand `S { x }` gets a Path x
    Span span;
};
struct ClosureParam {
    PatP pat;
    TypeP type;
};
// One branch of select!: `pattern = future => handler` (else: `else => handler`, pat and future empty).
struct SelectBranch {
    PatP pat;
    ExprP future;
    ExprP guard;  // `, if condition` precondition
    ExprP handler;
    bool isElse = false;
    Span span;
};

struct Expr {
    ExprKind kind = ExprKind::Literal;
    Span span;
    Token token;        // Literal
    TokenKind op = TokenKind::End;
    Path path;          // Path, Struct, Macro
    std::string name;   // MethodCall, Field
    std::string label;  // While, Loop, For, Break, Continue
    bool mut = false, move = false, async = false, inclusive = false;
    bool biased = false;  // select!
    bool namedArgument = false;  // set by the resolver: `name = value` after a format string (`{name}` reads it)
    bool suspends = false;  // set by the resolver: evaluating it may await (it holds an .await, join! or select!
                            // outside any closure or async block of its own)
    std::vector<std::string> captures;  // set by the resolver for closures and async blocks: the variables of the
                                        // code around them that they use (moved in by `move` ones)
    ExprP a, b;
    PatP pat;
    TypeP type;
    BlockP block;
    std::vector<ExprP> list;
    std::vector<TypeP> generics;  // MethodCall turbofish
    std::vector<MatchArm> arms;
    std::vector<FieldInit> fields;
    std::vector<ClosureParam> params;
    std::vector<SelectBranch> branches;  // select!
};

enum class StmtKind : std::uint8_t { Let, Expr, Item, Empty };
struct Stmt {
    StmtKind kind = StmtKind::Empty;
    Span span;
    PatP pat;         // Let
    TypeP type;       // Let (optional)
    ExprP init;       // Let (optional); Expr
    BlockP elseBlock; // let ... else { }
    bool semi = false;  // Expr: ended with `;`
    ItemP item;
};
struct Block {
    Span span;
    std::vector<Stmt> stmts;
    ExprP tail;  // the value of the block: its last expression without `;`
    bool unsafe = false;
    bool binds = true;  // set by the resolver: a `let` in it binds a name, or it declares an item (else the
                        // interpreter gives it no scope of its own: nothing would live there)
    bool hasItems = true;  // set by the resolver: it declares an item (fn, struct, ...) among its statements
};

struct Attribute {
    Path path;                // tokio::main, derive, allow, ...
    std::vector<Token> args;  // the tokens inside its parentheses, if any
    Span span;
};
struct Param {
    PatP pat;   // for self parameters, an Ident pattern named self
    TypeP type; // null for self
    bool self = false;
    Span span;
};
struct FieldDef {
    std::string name;  // "" for a tuple field
    TypeP type;
    Span span;
};
struct Variant {
    std::string name;
    std::vector<FieldDef> fields;
    bool tuple = false, record = false;
    ExprP discriminant;
    Span span;
};
struct UseTree {
    Path prefix;
    std::string alias;  // `as` name
    bool glob = false;
    std::vector<UseTree> children;  // {a, b::c}
    Span span;
};

enum class ItemKind : std::uint8_t { Fn, Const, Static, Struct, Enum, Impl, Use, TypeAlias, Trait };
struct Item {
    ItemKind kind = ItemKind::Fn;
    Span span;
    Span nameSpan;
    std::string name;
    std::vector<Attribute> attributes;
    bool async = false, pub = false, mut = false;
    bool blocksOn = false;  // set by the resolver: a synchronous main that calls block_on, run as a task body
    // Fn
    std::vector<Param> params;
    TypeP ret;
    BlockP body;
    // Const, Static, TypeAlias
    TypeP type;
    ExprP value;
    // Struct (fields; tuple / unit by the flags), Enum
    std::vector<FieldDef> fields;
    bool tuple = false, unit = false;
    std::vector<Variant> variants;
    // Impl: trait (empty for an inherent impl), self type, items. Trait: its methods in items (a required one
    // has no body; the others are defaults that an impl may replace).
    Path trait;
    TypeP selfType;
    std::vector<ItemP> items;
    // Use
    UseTree use;
};

struct Program {
    std::vector<ItemP> items;
};

// A compact S-expression of the tree, for tests and for reading what the parser saw.
std::string dump(const Program& program);
std::string dump(const Expr& expr);

}  // namespace wl::lang
