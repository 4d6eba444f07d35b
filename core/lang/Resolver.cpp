#include "Resolver.h"

#include "Library.h"
#include "Parser.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

namespace wl::lang {
namespace {

std::string join(const std::vector<std::string>& names)
{
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

std::string lastSegment(const std::string& path)
{
    const auto p = path.rfind("::");
    return p == std::string::npos ? path : path.substr(p + 2);
}

class Resolver {
public:
    explicit Resolver(Program& p) : program_(p) {}

    ResolveResult run()
    {
        for (auto& item : program_.items)
            if (item->kind == ItemKind::Use)
                useItem(*item, imports_);
        collectItems(program_.items, globals_);
        checkMain();
        for (auto& item : program_.items)
            itemBody(*item);
        std::stable_sort(errors_.begin(), errors_.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.span.offset < b.span.offset; });
        ResolveResult r;
        r.errors = std::move(errors_);
        r.runtime = runtime_;
        r.imports = imports_;
        return r;
    }

private:
    Program& program_;
    std::vector<Diagnostic> errors_;
    RuntimeOptions runtime_;
    std::map<std::string, std::string> imports_;      // name -> library path
    std::map<std::string, const Item*> globals_;       // the program's items by name
    std::vector<std::map<std::string, const Item*>> localItems_;  // items declared inside blocks
    std::map<std::string, std::set<std::string>> associated_;    // type name -> its impl functions and constants
    std::vector<std::set<std::string>> scopes_;        // local bindings, innermost last
    struct Context {
        bool inAsync = false;
        int loops = 0;
        std::vector<std::string> labels;
        std::string selfType;  // inside an impl
        Item* syncMain = nullptr;  // directly in the body of a synchronous main, where block_on may wait
    } ctx_;

    void error(const Span& at, std::string message) { errors_.push_back({at, std::move(message)}); }

    // --- items ---
    void collectItems(const std::vector<ItemP>& items, std::map<std::string, const Item*>& into)
    {
        for (const auto& item : items) {
            if (item->kind == ItemKind::Impl || item->kind == ItemKind::Use)
                continue;
            if (into.count(item->name))
                error(item->nameSpan, "the name `" + item->name + "` is defined multiple times");
            else
                into[item->name] = item.get();
        }
        // After every name of this level is known: an impl may come before the trait or type it is for.
        for (const auto& item : items)
            if (item->kind == ItemKind::Impl)
                implHeader(*item, into);
    }

    void implHeader(const Item& impl, const std::map<std::string, const Item*>& level)
    {
        const Type& self = *impl.selfType;
        if (self.kind != TypeKind::Path || self.path.segments.size() != 1) {
            error(self.span, "impl blocks are supported for the program's own structs and enums only");
            return;
        }
        const std::string name = self.path.segments[0].name;
        auto& members = associated_[name];
        for (const auto& member : impl.items) {
            if (member->kind == ItemKind::Fn || member->kind == ItemKind::Const) {
                if (!impl.trait.segments.empty() && member->kind == ItemKind::Fn)
                    continue;  // trait methods are called with `.`, not through the type
                if (!members.insert(member->name).second)
                    error(member->nameSpan, "duplicate definitions with name `" + member->name + "`");
            }
        }
        if (impl.trait.segments.size() == 1) {
            const auto own = level.find(impl.trait.segments[0].name);
            const Item* trait = own != level.end() ? own->second : findItem(impl.trait.segments[0].name);
            if (trait && trait->kind == ItemKind::Trait) {
                traitImpl(impl, *trait);
                return;
            }
        }
        if (!impl.trait.segments.empty()) {
            const std::string trait = impl.trait.text();
            const std::string full = libraryPathOf(impl.trait.segments[0].name);
            std::string path = full;
            for (size_t i = 1; i < impl.trait.segments.size(); ++i)
                path += "::" + impl.trait.segments[i].name;
            const LibraryEntry* entry = full.empty() ? nullptr : findLibrary(path);
            if (!entry || entry->kind != LibraryKind::Trait)
                error(impl.trait.span, "cannot find trait `" + trait + "` in this scope (traits that can be "
                                       "implemented: the program's own, std::future::Future, std::fmt::Display, "
                                       "std::fmt::Debug)");
        }
    }
    // An impl of the program's own trait gives every required method and nothing the trait does not have.
    void traitImpl(const Item& impl, const Item& trait)
    {
        auto given = [&](const std::string& name) {
            return std::any_of(impl.items.begin(), impl.items.end(),
                               [&](const ItemP& m) { return m->kind == ItemKind::Fn && m->name == name; });
        };
        for (const auto& m : impl.items)
            if (m->kind == ItemKind::Fn && std::none_of(trait.items.begin(), trait.items.end(),
                                                        [&](const ItemP& t) { return t->name == m->name; }))
                error(m->nameSpan, "method `" + m->name + "` is not a member of trait `" + trait.name + "`");
        std::vector<std::string> missing;
        for (const auto& t : trait.items)
            if (!t->body && !given(t->name))
                missing.push_back("`" + t->name + "`");
        if (!missing.empty())
            error(impl.span, "not all trait items implemented, missing: " + join(missing));
    }

    void useItem(const Item& item, std::map<std::string, std::string>& into) { useTree(item.use, "", into); }

    void useTree(const UseTree& t, const std::string& prefix, std::map<std::string, std::string>& into)
    {
        std::string path = prefix;
        for (const auto& seg : t.prefix.segments) {
            if (seg.name == "self" && path.empty())
                continue;
            path += (path.empty() ? "" : "::") + seg.name;
        }
        if (!t.children.empty()) {
            for (const auto& child : t.children)
                useTree(child, path, into);
            return;
        }
        if (t.glob) {
            if (!findLibrary(path)) {
                error(t.span, "unresolved import `" + path + "`" + supportedHint(path));
                return;
            }
            for (const LibraryEntry* e : libraryChildren(path))
                into[lastSegment(e->path)] = e->path;
            return;
        }
        // `use a::b::{self}` binds b.
        std::string bound = path;
        if (!t.prefix.segments.empty() && t.prefix.segments.back().name == "self")
            bound = prefix;
        if (bound.rfind("crate::", 0) == 0 || bound.rfind("super::", 0) == 0)
            return;  // the program's own items: visible anyway
        if (!findLibrary(bound)) {
            error(t.span, "unresolved import `" + bound + "`" + supportedHint(bound));
            return;
        }
        into[t.alias.empty() ? lastSegment(bound) : t.alias] = canonicalPath(bound);
    }

    // " (tokio::time has: sleep, ...)" for the nearest supported parent of an unknown path.
    static std::string supportedHint(const std::string& path)
    {
        std::string parent = path;
        while (!parent.empty()) {
            const auto p = parent.rfind("::");
            parent = p == std::string::npos ? std::string() : parent.substr(0, p);
            if (!parent.empty() && findLibrary(parent)) {
                std::vector<std::string> names;
                for (const LibraryEntry* e : libraryChildren(parent))
                    names.push_back(lastSegment(e->path) + (e->kind == LibraryKind::Macro ? "!" : ""));
                return ": not part of the supported library (" + parent + " has: " + join(names) + ")";
            }
        }
        return ": not part of the supported library (std, tokio, futures and wakeline)";
    }

    void checkMain()
    {
        const auto it = globals_.find("main");
        if (it == globals_.end() || it->second->kind != ItemKind::Fn) {
            error(Span{}, "`main` function not found: a program starts at `fn main()` or `#[tokio::main] async fn main()`");
            return;
        }
        const Item& main = *it->second;
        const Attribute* tokioMain = nullptr;
        for (const auto& a : main.attributes)
            if (a.path.text() == "tokio::main" || (a.path.text() == "main" && imports_["main"] == "tokio::main"))
                tokioMain = &a;
        if (main.async && !tokioMain)
            error(main.nameSpan, "`main` function is not allowed to be `async`: add #[tokio::main] above it");
        if (!main.async && tokioMain)
            error(tokioMain->span, "the `async` keyword is missing from the function declaration (#[tokio::main] "
                                   "needs `async fn main`)");
        if (!main.params.empty())
            error(main.params[0].span, "`main` takes no parameters");
        if (!tokioMain)
            return;
        runtime_.tokioMain = true;
        // flavor = "current_thread" | "multi_thread", worker_threads = N, start_paused = true | false
        const auto& args = tokioMain->args;
        for (size_t k = 0; k < args.size();) {
            const Token& key = args[k];
            if (key.kind != TokenKind::Ident || k + 2 >= args.size() || args[k + 1].kind != TokenKind::Eq) {
                error(key.span, "expected `name = value` in #[tokio::main(...)] (flavor, worker_threads, start_paused)");
                return;
            }
            const Token& value = args[k + 2];
            if (key.text == "flavor") {
                if (value.kind != TokenKind::Str || (value.text != "current_thread" && value.text != "multi_thread"))
                    error(value.span, "flavor must be \"current_thread\" or \"multi_thread\"");
                else
                    runtime_.currentThread = value.text == "current_thread";
            } else if (key.text == "worker_threads") {
                long long n = 0;
                if (value.kind == TokenKind::Int && value.radix == 10 && value.text.size() <= 6)
                    n = std::stoll(value.text);
                if (n < 1 || n > 64)
                    error(value.span, "worker_threads must be a whole number from 1 to 64");
                else
                    runtime_.workerThreads = std::uint32_t(n);
            } else if (key.text == "start_paused") {
                if (value.kind != TokenKind::KwTrue && value.kind != TokenKind::KwFalse)
                    error(value.span, "start_paused must be true or false");
                else
                    runtime_.startPaused = value.kind == TokenKind::KwTrue;
            } else {
                error(key.span, "unknown option `" + key.text + "` in #[tokio::main] (supported: flavor, "
                                "worker_threads, start_paused)");
            }
            k += 3;
            if (k < args.size() && args[k].kind == TokenKind::Comma)
                ++k;
        }
        if (runtime_.currentThread && runtime_.workerThreads)
            error(tokioMain->span, "the `worker_threads` option requires the `multi_thread` runtime flavor");
    }

    void itemBody(Item& item)
    {
        switch (item.kind) {
        case ItemKind::Fn: function(item, ""); break;
        case ItemKind::Const:
        case ItemKind::Static: {
            const Context saved = ctx_;
            ctx_ = Context{};
            expr(*item.value);
            ctx_ = saved;
            break;
        }
        case ItemKind::Impl: {
            const std::string self = item.selfType->kind == TypeKind::Path && item.selfType->path.segments.size() == 1
                ? item.selfType->path.segments[0].name
                : std::string();
            if (!self.empty() && !globals_.count(self) && !findLocalItem(self))
                error(item.selfType->span, "cannot find type `" + self + "` in this scope (impl blocks are for the "
                                           "program's own structs and enums)");
            for (auto& member : item.items) {
                if (member->kind == ItemKind::Fn)
                    function(*member, self);
                else if (member->kind == ItemKind::Const && member->value)
                    expr(*member->value);
            }
            break;
        }
        case ItemKind::Trait:
            for (auto& member : item.items)
                if (member->body)
                    function(*member, item.name);  // a default method: `self` is whichever type implements it
            break;
        case ItemKind::Enum:
            for (auto& v : item.variants)
                if (v.discriminant)
                    expr(*v.discriminant);
            break;
        default: break;
        }
    }

    void function(Item& fn, const std::string& selfType)
    {
        const Context saved = ctx_;
        ctx_ = Context{};
        ctx_.inAsync = fn.async;
        ctx_.selfType = selfType;
        if (fn.name == "main" && !fn.async && selfType.empty() && globals_.count("main") && globals_.at("main") == &fn)
            ctx_.syncMain = &fn;
        scopes_.emplace_back();
        for (auto& p : fn.params)
            bind(*p.pat);
        block(*fn.body);
        scopes_.pop_back();
        ctx_ = saved;
    }

    // --- names ---
    bool isLocal(const std::string& name) const { return scopeOf(name) >= 0; }
    // The index in scopes_ of the scope that binds `name`, or -1.
    int scopeOf(const std::string& name) const
    {
        for (int i = int(scopes_.size()) - 1; i >= 0; --i)
            if (scopes_[size_t(i)].count(name))
                return i;
        return -1;
    }
    // A local used inside closures or async blocks that it was declared outside of is captured by them (moved in by
    // `move` ones, shared by the others).
    struct Capture {
        size_t depth;  // scopes_.size() when the closure began: locals in scopes below it come from outside
        std::vector<std::string>* names;
    };
    std::vector<Capture> captures_;
    void noteUse(const std::string& name)
    {
        const int at = scopeOf(name);
        for (Capture& c : captures_)
            if (at >= 0 && size_t(at) < c.depth
                && std::find(c.names->begin(), c.names->end(), name) == c.names->end())
                c.names->push_back(name);
    }
    // The names a format string reads itself ("{count}", "{name:>width$}"): used here as much as an argument is (a
    // `move` closure captures them).
    void noteInlineArguments(const std::string& format, const std::vector<std::string>& named)
    {
        auto use = [&](const std::string& name) {  // (a named argument of the macro is no variable)
            if (std::find(named.begin(), named.end(), name) == named.end())
                noteUse(name);
        };
        auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        for (std::size_t i = 0; i < format.size(); ++i) {
            if (format[i] != '{')
                continue;
            if (i + 1 < format.size() && format[i + 1] == '{') {
                ++i;
                continue;
            }
            const std::size_t close = format.find('}', i);
            if (close == std::string::npos)
                return;
            const std::string spec = format.substr(i + 1, close - i - 1);
            i = close;
            std::size_t end = 0;
            while (end < spec.size() && word(spec[end]))
                ++end;
            if (end > 0 && !std::isdigit(static_cast<unsigned char>(spec[0])))
                use(spec.substr(0, end));
            for (std::size_t d = spec.find('$'); d != std::string::npos; d = spec.find('$', d + 1)) {
                std::size_t start = d;
                while (start > 0 && word(spec[start - 1]))
                    --start;
                if (d - start > 1 && spec[start] == '0')
                    ++start;  // the `0` flag before the count
                if (start < d && !std::isdigit(static_cast<unsigned char>(spec[start])))
                    use(spec.substr(start, d - start));
            }
        }
    }
    const Item* findLocalItem(const std::string& name) const
    {
        for (auto it = localItems_.rbegin(); it != localItems_.rend(); ++it) {
            const auto found = it->find(name);
            if (found != it->end())
                return found->second;
        }
        return nullptr;
    }
    const Item* findItem(const std::string& name) const
    {
        if (const Item* local = findLocalItem(name))
            return local;
        const auto it = globals_.find(name);
        return it == globals_.end() ? nullptr : it->second;
    }
    std::string libraryPathOf(const std::string& name) const
    {
        const auto it = imports_.find(name);
        if (it != imports_.end())
            return it->second;
        return preludePath(name);
    }
    // A name a pattern would match against instead of binding: a unit variant, a constant, a unit struct.
    bool namesAConstant(const std::string& name) const
    {
        if (isLocal(name))
            return false;
        if (const Item* item = findItem(name))
            return item->kind == ItemKind::Const || item->kind == ItemKind::Static
                || (item->kind == ItemKind::Struct && item->unit);
        const std::string lib = libraryPathOf(name);
        const LibraryEntry* e = lib.empty() ? nullptr : findLibrary(lib);
        return e && (e->kind == LibraryKind::Variant || e->kind == LibraryKind::Constant) && name != "Some"
            && name != "Ok" && name != "Err";
    }

    void bind(Pat& p)
    {
        switch (p.kind) {
        case PatKind::Ident:
            if (!p.sub && !p.mut && !p.byRef && namesAConstant(p.name)) {
                p.kind = PatKind::Path;  // `None`, `MAX`: matched, not bound
                p.path.segments.push_back({p.name, {}, p.span});
                p.path.span = p.span;
                return;
            }
            scopes_.back().insert(p.name);
            if (p.sub)
                bind(*p.sub);
            return;
        case PatKind::TupleStruct:
        case PatKind::Struct:
        case PatKind::Path:
            path(p.path, true);
            break;
        case PatKind::Literal:
        case PatKind::Range:
            if (p.lo)
                expr(*p.lo);
            if (p.hi)
                expr(*p.hi);
            return;
        default: break;
        }
        if (p.sub)
            bind(*p.sub);
        for (auto& item : p.items)
            bind(*item);
        for (auto& f : p.fields)
            bind(*f.pat);
    }

    // Checks a path used as a value (or in a pattern) and reports what it cannot name.
    void path(const Path& p, bool inPattern, bool called = false)
    {
        if (p.segments.empty())
            return;
        const std::string& first = p.segments[0].name;
        const size_t n = p.segments.size();
        if (first == "self") {
            if (!isLocal("self"))
                error(p.span, "`self` is only available in methods that take a `self` parameter");
            return;
        }
        if (first == "Self") {
            if (ctx_.selfType.empty()) {
                error(p.span, "`Self` is only available inside an impl block");
                return;
            }
            if (n >= 2)
                member(ctx_.selfType, p.segments[1], p.span);
            return;
        }
        if (first == "crate" || first == "super") {
            if (n >= 2 && !findItem(p.segments[1].name))
                error(p.segments[1].span, "cannot find `" + p.segments[1].name + "` in the crate root");
            return;
        }
        if (n == 1 && isLocal(first)) {
            noteUse(first);
            return;
        }
        if (const Item* item = findItem(first)) {
            if (n >= 2)
                member(first, p.segments[1], p.span);
            (void)item;
            return;
        }
        const std::string lib = libraryPathOf(first);
        if (!lib.empty()) {
            std::string full = lib;
            for (size_t i = 1; i < n; ++i)
                full += "::" + p.segments[i].name;
            if (!findLibrary(full))
                error(p.span, "`" + p.text() + "`" + (full == p.text() ? "" : " (" + full + ")") + " is"
                                  + supportedHint(full).substr(1));
            else if (n == 1 && !inPattern && findLibrary(full)->kind == LibraryKind::Module)
                error(p.span, "expected a value, found module `" + first + "`");
            return;
        }
        if (n == 1)
            error(p.span, inPattern ? "cannot find tuple struct or variant `" + first + "` in this scope"
                          : called  ? "cannot find function `" + first + "` in this scope"
                                    : "cannot find value `" + first + "` in this scope");
        else
            error(p.segments[0].span, "failed to resolve: use of undeclared type or module `" + first + "`");
    }

    // Type::member for the program's own types: an enum variant or an impl function or constant.
    void member(const std::string& type, const PathSegment& m, const Span& at)
    {
        const Item* item = findItem(type);
        if (item && item->kind == ItemKind::Enum)
            for (const auto& v : item->variants)
                if (v.name == m.name)
                    return;
        const auto it = associated_.find(type);
        if (it != associated_.end() && it->second.count(m.name))
            return;
        if (item && item->kind != ItemKind::Enum && item->kind != ItemKind::Struct) {
            error(at, "`" + type + "` is not a type: it has no member `" + m.name + "`");
            return;
        }
        error(m.span, std::string("no ") + (item && item->kind == ItemKind::Enum ? "variant or " : "")
                          + "associated function named `" + m.name + "` found for `" + type + "`");
    }

    // --- blocks and expressions ---
    bool block(Block& b)
    {
        scopes_.emplace_back();
        localItems_.emplace_back();
        std::vector<ItemP> none;
        for (auto& s : b.stmts)
            if (s.kind == StmtKind::Item) {
                auto& items = localItems_.back();
                if (s.item->kind == ItemKind::Use) {
                    useItem(*s.item, imports_);
                } else if (s.item->kind == ItemKind::Impl) {
                    // (The interpreter learns methods from the file's top level only.)
                    error(s.item->span, "an `impl` block inside a function body is not supported yet: move it to "
                                        "the top level of the file");
                } else if (items.count(s.item->name)) {
                    error(s.item->nameSpan, "the name `" + s.item->name + "` is defined multiple times");
                } else {
                    items[s.item->name] = s.item.get();
                }
            }
        for (auto& s : b.stmts)
            if (s.kind == StmtKind::Item && s.item->kind == ItemKind::Impl)
                implHeader(*s.item, localItems_.back());
        bool suspends = false;
        for (auto& s : b.stmts) {
            switch (s.kind) {
            case StmtKind::Let:
                if (s.init)
                    suspends |= expr(*s.init);
                if (s.elseBlock)
                    suspends |= block(*s.elseBlock);
                bind(*s.pat);
                break;
            case StmtKind::Expr: suspends |= expr(*s.init); break;
            case StmtKind::Item: itemBody(*s.item); break;
            case StmtKind::Empty: break;
            }
        }
        if (b.tail)
            suspends |= expr(*b.tail);
        b.binds = false;
        b.hasItems = false;
        for (const auto& s : b.stmts) {
            b.hasItems = b.hasItems || s.kind == StmtKind::Item;
            if (s.kind == StmtKind::Item || (s.kind == StmtKind::Let && bindsName(*s.pat))
                || (s.kind == StmtKind::Expr && s.init->kind == ExprKind::Let))
                b.binds = true;
        }
        if (b.tail && b.tail->kind == ExprKind::Let)
            b.binds = true;
        localItems_.pop_back();
        scopes_.pop_back();
        return suspends;
    }

    bool loopBody(Expr& e)
    {
        ++ctx_.loops;
        ctx_.labels.push_back(e.label);
        const bool s = block(*e.block);
        ctx_.labels.pop_back();
        --ctx_.loops;
        return s;
    }

    void label(const Expr& e, const char* word)
    {
        if (ctx_.loops == 0) {
            error(e.span, std::string("`") + word + "` outside of a loop");
            return;
        }
        if (!e.label.empty() && std::find(ctx_.labels.begin(), ctx_.labels.end(), e.label) == ctx_.labels.end())
            error(e.span, "use of undeclared label `'" + e.label + "`");
    }

    bool list(std::vector<ExprP>& items)
    {
        bool s = false;
        for (auto& x : items)
            s |= expr(*x);
        return s;
    }

    // A future of its own (async block, closure): awaits inside it do not suspend the code around it.
    void separately(Expr& e, bool async, const std::function<void()>& walk)
    {
        const Context saved = ctx_;
        ctx_.inAsync = async;
        ctx_.syncMain = nullptr;
        ctx_.loops = 0;
        ctx_.labels.clear();
        captures_.push_back({scopes_.size(), &e.captures});
        walk();
        captures_.pop_back();
        ctx_ = saved;
    }

    bool expr(Expr& e)
    {
        bool s = false;
        switch (e.kind) {
        case ExprKind::Literal: break;
        case ExprKind::Path: path(e.path, false); break;
        case ExprKind::Unary:
        case ExprKind::Field:
        case ExprKind::Try:
        case ExprKind::Cast:
        case ExprKind::Paren: s = expr(*e.a); break;
        case ExprKind::Binary:
        case ExprKind::Assign:
        case ExprKind::CompoundAssign:
        case ExprKind::Index:
            s = expr(*e.a);
            s |= expr(*e.b);
            break;
        case ExprKind::Call:
            if (e.a->kind == ExprKind::Path) {
                path(e.a->path, false, true);
                if (e.a->path.segments.back().name == "block_on")
                    s = blockOn(e);
                if (e.a->path.segments.back().name == "new_current_thread" && !runtime_.tokioMain)
                    runtime_.currentThread = true;
            } else {
                s = expr(*e.a);
            }
            s |= list(e.list);
            break;
        case ExprKind::MethodCall:
            s = expr(*e.a);
            s |= list(e.list);
            if (e.name == "block_on")
                s |= blockOn(e);
            if (e.name == "worker_threads" && !runtime_.tokioMain && e.list.size() == 1
                && e.list[0]->kind == ExprKind::Literal && e.list[0]->token.kind == TokenKind::Int
                && e.list[0]->token.radix == 10 && e.list[0]->token.text.size() <= 2)
                runtime_.workerThreads = std::uint32_t(std::clamp(std::stoi(e.list[0]->token.text), 1, 64));
            break;
        case ExprKind::Await:
            expr(*e.a);
            if (!ctx_.inAsync)
                error(e.span, "`await` is only allowed inside `async` functions and blocks");
            s = true;
            break;
        case ExprKind::Block:
            if (e.async) {
                separately(e, true, [&] { block(*e.block); });
            } else {
                s = block(*e.block);
            }
            break;
        case ExprKind::If: {
            scopes_.emplace_back();
            s = expr(*e.a);  // a `let` condition binds into this scope, seen by the then-block only
            s |= block(*e.block);
            scopes_.pop_back();
            if (e.b)
                s |= expr(*e.b);
            break;
        }
        case ExprKind::Let:
            s = expr(*e.a);
            bind(*e.pat);
            break;
        case ExprKind::While:
            scopes_.emplace_back();
            s = expr(*e.a);
            s |= loopBody(e);
            scopes_.pop_back();
            break;
        case ExprKind::Loop: s = loopBody(e); break;
        case ExprKind::For:
            s = expr(*e.a);
            scopes_.emplace_back();
            bind(*e.pat);
            s |= loopBody(e);
            scopes_.pop_back();
            break;
        case ExprKind::Match:
            s = expr(*e.a);
            for (auto& arm : e.arms) {
                scopes_.emplace_back();
                bind(*arm.pat);
                if (arm.guard)
                    s |= expr(*arm.guard);
                s |= expr(*arm.body);
                scopes_.pop_back();
            }
            break;
        case ExprKind::Closure:
            separately(e, e.async, [&] {
                scopes_.emplace_back();
                for (auto& p : e.params)
                    bind(*p.pat);
                expr(*e.a);
                scopes_.pop_back();
            });
            break;
        case ExprKind::Break:
            label(e, "break");
            if (e.a)
                s = expr(*e.a);
            break;
        case ExprKind::Continue: label(e, "continue"); break;
        case ExprKind::Return:
            if (e.a)
                s = expr(*e.a);
            break;
        case ExprKind::Range:
            if (e.a)
                s = expr(*e.a);
            if (e.b)
                s |= expr(*e.b);
            break;
        case ExprKind::Tuple:
        case ExprKind::Array: s = list(e.list); break;
        case ExprKind::ArrayRepeat:
            s = expr(*e.a);
            s |= expr(*e.b);
            break;
        case ExprKind::Struct: s = structLiteral(e); break;
        case ExprKind::Macro: s = macro(e); break;
        }
        e.suspends = s;
        return s;
    }

    // block_on waits for its future: in the synchronous main's own body the interpreter runs main as the root
    // task and this call as an await. Anywhere else it would start a runtime inside the running one.
    bool blockOn(const Expr& e)
    {
        if (!ctx_.syncMain) {
            error(e.span, "`block_on` is supported directly in the body of a synchronous `fn main` (inside a "
                          "runtime, tokio panics: \"Cannot start a runtime from within a runtime\")");
            return false;
        }
        ctx_.syncMain->blocksOn = true;
        return true;
    }

    bool structLiteral(Expr& e)
    {
        bool s = false;
        const Item* def = nullptr;
        const std::vector<FieldDef>* fields = nullptr;
        std::string shown = e.path.text();
        if (e.path.segments.size() == 1) {
            const std::string name = e.path.segments[0].name == "Self" ? ctx_.selfType : e.path.segments[0].name;
            def = findItem(name);
            if (!def || def->kind != ItemKind::Struct) {
                error(e.path.span, "cannot find struct `" + shown + "` in this scope");
            } else if (def->tuple || def->unit) {
                error(e.path.span, "`" + shown + "` is a tuple or unit struct: write " + shown + "(..)");
            } else {
                fields = &def->fields;
            }
        } else if (e.path.segments.size() == 2) {
            def = findItem(e.path.segments[0].name == "Self" ? ctx_.selfType : e.path.segments[0].name);
            if (def && def->kind == ItemKind::Enum) {
                for (const auto& v : def->variants)
                    if (v.name == e.path.segments[1].name && v.record)
                        fields = &v.fields;
            }
            if (!fields)
                error(e.path.span, "cannot find a struct or record variant `" + shown + "`");
        } else {
            error(e.path.span, "cannot find struct `" + shown + "` in this scope");
        }
        std::set<std::string> given;
        for (auto& f : e.fields) {
            s |= expr(*f.value);
            if (!given.insert(f.name).second)
                error(f.span, "field `" + f.name + "` specified more than once");
            if (fields && std::none_of(fields->begin(), fields->end(), [&](const FieldDef& d) { return d.name == f.name; }))
                error(f.span, "struct `" + shown + "` has no field named `" + f.name + "`");
        }
        if (e.a)
            s |= expr(*e.a);
        else if (fields)
            for (const auto& d : *fields)
                if (!given.count(d.name))
                    error(e.path.span, "missing field `" + d.name + "` in initializer of `" + shown + "`");
        return s;
    }

    bool macro(Expr& e)
    {
        const std::string name = e.path.segments.back().name;
        bool s = false;
        // After a format string, `name = value` names an argument (println!("{n:>w$}", n = 1, w = 4)): only its
        // value is an expression here; a positional one may not follow it.
        const auto format = std::find_if(e.list.begin(), e.list.end(), [](const ExprP& x) {
            return x->kind == ExprKind::Literal && x->token.kind == TokenKind::Str;
        });
        std::vector<std::string> named;
        for (auto it = e.list.begin(); it != e.list.end(); ++it) {
            Expr& x = **it;
            if (format < it && x.kind == ExprKind::Assign && x.a->kind == ExprKind::Path
                && x.a->path.segments.size() == 1) {
                const std::string& argName = x.a->path.segments[0].name;
                if (std::find(named.begin(), named.end(), argName) != named.end())
                    error(x.a->span, "duplicate argument named `" + argName + "`");
                named.push_back(argName);
                x.namedArgument = true;
                s |= expr(*x.b);
                continue;
            }
            if (!named.empty() && format < it)
                error(x.span, "positional arguments cannot follow named arguments");
            s |= expr(x);
        }
        for (const auto& x : e.list)
            if (x->kind == ExprKind::Literal && x->token.kind == TokenKind::Str)
                noteInlineArguments(x->token.text, named);
        if (name == "matches") {
            s |= expr(*e.a);
            scopes_.emplace_back();
            bind(*e.pat);
            if (e.b)
                s |= expr(*e.b);
            scopes_.pop_back();
        }
        if (name == "select") {
            for (auto& br : e.branches) {
                scopes_.emplace_back();
                if (br.future)
                    expr(*br.future);
                if (br.guard)
                    expr(*br.guard);
                if (br.pat)
                    bind(*br.pat);
                expr(*br.handler);
                scopes_.pop_back();
            }
        }
        if (name == "join" || name == "try_join" || name == "select") {
            if (!ctx_.inAsync)
                error(e.span, "`" + e.path.text() + "!` is only allowed inside `async` functions and blocks");
            s = true;  // it awaits its futures
        }
        if (e.path.segments.size() > 1) {
            const std::string root = e.path.segments[0].name;
            if (root != "tokio" && root != "futures" && root != "std")
                error(e.path.span, "macro `" + e.path.text() + "!` is not supported");
        }
        return s;
    }
};
}  // namespace

ResolveResult resolve(Program& program) { return Resolver(program).run(); }

std::vector<Diagnostic> check(std::string_view source, Program* program, RuntimeOptions* runtime)
{
    ParseResult parsed = parse(source);
    std::vector<Diagnostic> errors = std::move(parsed.errors);
    if (errors.empty()) {
        ResolveResult r = resolve(parsed.program);
        errors = std::move(r.errors);
        if (runtime)
            *runtime = r.runtime;
    }
    if (program)
        *program = std::move(parsed.program);
    return errors;
}

}  // namespace wl::lang
