// The tree as S-expressions: (fn main async (params) (block ...)). For tests and for reading what was parsed.
#include "Ast.h"

#include <functional>

namespace wl::lang {
namespace {
std::string op(TokenKind k)
{
    std::string d = describe(k);
    return d.size() > 2 && d.front() == '`' ? d.substr(1, d.size() - 2) : d;
}

std::string dumpPath(const Path& p) { return p.text(); }
std::string dumpPat(const Pat& p);
std::string dumpType(const Type& t);
std::string dumpBlock(const Block& b);
std::string dumpItem(const Item& it);

std::string list(const std::vector<ExprP>& items)
{
    std::string s;
    for (const auto& e : items)
        s += " " + dump(*e);
    return s;
}

std::string dumpType(const Type& t)
{
    switch (t.kind) {
    case TypeKind::Path: {
        std::string s = t.path.text();
        const auto& last = t.path.segments.back().generics;
        if (!last.empty()) {
            s += "<";
            for (size_t i = 0; i < last.size(); ++i)
                s += (i ? ", " : "") + dumpType(*last[i]);
            s += ">";
        }
        return s;
    }
    case TypeKind::Ref: return std::string("&") + (t.mut ? "mut " : "") + dumpType(*t.inner);
    case TypeKind::Ptr: return std::string(t.mut ? "*mut " : "*const ") + dumpType(*t.inner);
    case TypeKind::Tuple: {
        std::string s = "(";
        for (size_t i = 0; i < t.items.size(); ++i)
            s += (i ? ", " : "") + dumpType(*t.items[i]);
        return s + ")";
    }
    case TypeKind::Array: return "[" + dumpType(*t.inner) + "; " + dump(*t.len) + "]";
    case TypeKind::Slice: return "[" + dumpType(*t.inner) + "]";
    case TypeKind::ImplTrait: return "impl " + t.path.text();
    case TypeKind::DynTrait: return "dyn " + t.path.text();
    case TypeKind::Fn: return "fn(..)";
    case TypeKind::Never: return "!";
    case TypeKind::Infer: return "_";
    }
    return "?";
}

std::string dumpPat(const Pat& p)
{
    auto items = [&](const char* head) {
        std::string s = std::string("(") + head;
        for (const auto& i : p.items)
            s += " " + dumpPat(*i);
        return s + ")";
    };
    switch (p.kind) {
    case PatKind::Wild: return "_";
    case PatKind::Rest: return "..";
    case PatKind::Ident:
        return std::string(p.byRef ? "ref " : "") + (p.mut ? "mut " : "") + p.name + (p.sub ? " @ " + dumpPat(*p.sub) : "");
    case PatKind::Literal: return dump(*p.lo);
    case PatKind::Range:
        return "(range " + dump(*p.lo) + (p.inclusive ? " ..= " : " .. ") + (p.hi ? dump(*p.hi) : "") + ")";
    case PatKind::Tuple: return items("tuple");
    case PatKind::TupleStruct: return items(p.path.text().c_str());
    case PatKind::Slice: return items("slice");
    case PatKind::Or: return items("or");
    case PatKind::Path: return p.path.text();
    case PatKind::Ref: return "&" + std::string(p.mut ? "mut " : "") + dumpPat(*p.sub);
    case PatKind::Struct: {
        std::string s = "(" + p.path.text() + " {";
        for (const auto& f : p.fields)
            s += " " + f.name + ": " + dumpPat(*f.pat);
        return s + (p.rest ? " .." : "") + " })";
    }
    }
    return "?";
}

std::string dumpBlock(const Block& b)
{
    std::string s = "(block";
    for (const Stmt& st : b.stmts) {
        switch (st.kind) {
        case StmtKind::Let:
            s += " (let " + dumpPat(*st.pat) + (st.type ? ": " + dumpType(*st.type) : "")
                + (st.init ? " " + dump(*st.init) : "") + (st.elseBlock ? " else " + dumpBlock(*st.elseBlock) : "") + ")";
            break;
        case StmtKind::Expr: s += " " + dump(*st.init) + (st.semi ? ";" : ""); break;
        case StmtKind::Item: s += " " + dumpItem(*st.item); break;
        case StmtKind::Empty: break;
        }
    }
    if (b.tail)
        s += " => " + dump(*b.tail);
    return s + ")";
}

std::string dumpItem(const Item& it)
{
    std::string attrs;
    for (const auto& a : it.attributes)
        attrs += "#[" + a.path.text() + (a.args.empty() ? "" : "(..)") + "] ";
    switch (it.kind) {
    case ItemKind::Fn: {
        std::string s = "(" + attrs + (it.async ? "async fn " : "fn ") + it.name + " (";
        for (size_t i = 0; i < it.params.size(); ++i)
            s += (i ? ", " : "") + dumpPat(*it.params[i].pat)
                + (it.params[i].type ? ": " + dumpType(*it.params[i].type) : "");
        s += ")";
        if (it.ret)
            s += " -> " + dumpType(*it.ret);
        return s + " " + dumpBlock(*it.body) + ")";
    }
    case ItemKind::Const:
    case ItemKind::Static:
        return std::string(it.kind == ItemKind::Const ? "(const " : "(static ") + it.name + ": " + dumpType(*it.type)
            + " " + dump(*it.value) + ")";
    case ItemKind::Struct: {
        std::string s = "(struct " + it.name;
        for (const auto& f : it.fields)
            s += " " + (f.name.empty() ? "" : f.name + ": ") + dumpType(*f.type);
        return s + ")";
    }
    case ItemKind::Enum: {
        std::string s = "(enum " + it.name;
        for (const auto& v : it.variants)
            s += " " + v.name + (v.tuple ? "(" + std::to_string(v.fields.size()) + ")" : v.record ? "{..}" : "");
        return s + ")";
    }
    case ItemKind::Impl: {
        std::string s = "(impl " + (it.trait.segments.empty() ? "" : it.trait.text() + " for ") + dumpType(*it.selfType);
        for (const auto& i : it.items)
            s += " " + dumpItem(*i);
        return s + ")";
    }
    case ItemKind::Use: {
        std::function<std::string(const UseTree&)> tree = [&](const UseTree& t) {
            std::string s = t.prefix.text();
            if (t.glob)
                s += (s.empty() ? "" : "::") + std::string("*");
            if (!t.children.empty()) {
                s += (s.empty() ? "{" : "::{");
                for (size_t i = 0; i < t.children.size(); ++i)
                    s += (i ? ", " : "") + tree(t.children[i]);
                s += "}";
            }
            return s + (t.alias.empty() ? "" : " as " + t.alias);
        };
        return "(use " + tree(it.use) + ")";
    }
    case ItemKind::TypeAlias: return "(type " + it.name + " = " + dumpType(*it.type) + ")";
    case ItemKind::Trait: {
        std::string s = "(trait " + it.name;
        for (const auto& i : it.items)
            s += " " + (i->body ? dumpItem(*i) : "(fn " + it.name + "::" + i->name + " required)");
        return s + ")";
    }
    }
    return "?";
}
}  // namespace

std::string Path::text() const
{
    std::string s;
    for (size_t i = 0; i < segments.size(); ++i)
        s += (i ? "::" : "") + segments[i].name;
    return s;
}

std::string dump(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Literal:
        if (e.token.kind == TokenKind::Str)
            return "\"" + e.token.text + "\"";
        if (e.token.kind == TokenKind::Char)
            return "'" + e.token.text + "'";
        if (e.token.kind == TokenKind::KwTrue || e.token.kind == TokenKind::KwFalse)
            return e.token.kind == TokenKind::KwTrue ? "true" : "false";
        return e.token.text + e.token.suffix;
    case ExprKind::Path: return dumpPath(e.path);
    case ExprKind::Unary: return "(" + op(e.op) + (e.mut ? "mut" : "") + " " + dump(*e.a) + ")";
    case ExprKind::Binary: return "(" + op(e.op) + " " + dump(*e.a) + " " + dump(*e.b) + ")";
    case ExprKind::Assign: return "(= " + dump(*e.a) + " " + dump(*e.b) + ")";
    case ExprKind::CompoundAssign: return "(" + op(e.op) + " " + dump(*e.a) + " " + dump(*e.b) + ")";
    case ExprKind::Call: return "(call " + dump(*e.a) + list(e.list) + ")";
    case ExprKind::MethodCall: return "(." + e.name + " " + dump(*e.a) + list(e.list) + ")";
    case ExprKind::Field: return "(field " + dump(*e.a) + " " + e.name + ")";
    case ExprKind::Index: return "(index " + dump(*e.a) + " " + dump(*e.b) + ")";
    case ExprKind::Await: return "(await " + dump(*e.a) + ")";
    case ExprKind::Try: return "(? " + dump(*e.a) + ")";
    case ExprKind::Cast: return "(as " + dump(*e.a) + " " + dumpType(*e.type) + ")";
    case ExprKind::Block:
        return e.async ? std::string("(async") + (e.move ? " move " : " ") + dumpBlock(*e.block) + ")" : dumpBlock(*e.block);
    case ExprKind::If: return "(if " + dump(*e.a) + " " + dumpBlock(*e.block) + (e.b ? " " + dump(*e.b) : "") + ")";
    case ExprKind::Let: return "(let " + dumpPat(*e.pat) + " " + dump(*e.a) + ")";
    case ExprKind::While: return "(while " + (e.label.empty() ? "" : "'" + e.label + " ") + dump(*e.a) + " " + dumpBlock(*e.block) + ")";
    case ExprKind::Loop: return "(loop " + (e.label.empty() ? "" : "'" + e.label + " ") + dumpBlock(*e.block) + ")";
    case ExprKind::For:
        return "(for " + dumpPat(*e.pat) + " " + dump(*e.a) + " " + dumpBlock(*e.block) + ")";
    case ExprKind::Match: {
        std::string s = "(match " + dump(*e.a);
        for (const auto& arm : e.arms)
            s += " (" + dumpPat(*arm.pat) + (arm.guard ? " if " + dump(*arm.guard) : "") + " => " + dump(*arm.body) + ")";
        return s + ")";
    }
    case ExprKind::Closure: {
        std::string s = std::string("(") + (e.async ? "async " : "") + (e.move ? "move " : "") + "|";
        for (size_t i = 0; i < e.params.size(); ++i)
            s += (i ? ", " : "") + dumpPat(*e.params[i].pat);
        return s + "| " + dump(*e.a) + ")";
    }
    case ExprKind::Break: return "(break" + (e.label.empty() ? "" : " '" + e.label) + (e.a ? " " + dump(*e.a) : "") + ")";
    case ExprKind::Continue: return "(continue" + (e.label.empty() ? "" : " '" + e.label) + ")";
    case ExprKind::Return: return "(return" + (e.a ? " " + dump(*e.a) : "") + ")";
    case ExprKind::Range:
        return "(" + std::string(e.inclusive ? "..=" : "..") + (e.a ? " " + dump(*e.a) : " _") + (e.b ? " " + dump(*e.b) : " _") + ")";
    case ExprKind::Tuple: return "(tuple" + list(e.list) + ")";
    case ExprKind::Paren: return "(paren " + dump(*e.a) + ")";
    case ExprKind::Array: return "(array" + list(e.list) + ")";
    case ExprKind::ArrayRepeat: return "(array " + dump(*e.a) + "; " + dump(*e.b) + ")";
    case ExprKind::Struct: {
        std::string s = "(" + e.path.text() + " {";
        for (const auto& f : e.fields)
            s += " " + f.name + ": " + dump(*f.value);
        return s + (e.a ? " .." + dump(*e.a) : "") + " })";
    }
    case ExprKind::Macro: {
        std::string s = "(" + e.path.text() + "!";
        if (e.biased)
            s += " biased;";
        s += list(e.list);
        if (e.pat)
            s += " " + dump(*e.a) + " " + dumpPat(*e.pat) + (e.b ? " if " + dump(*e.b) : "");
        for (const auto& b : e.branches)
            s += b.isElse ? " (else => " + dump(*b.handler) + ")"
                          : " (" + dumpPat(*b.pat) + " = " + dump(*b.future) + (b.guard ? ", if " + dump(*b.guard) : "")
                                + " => " + dump(*b.handler) + ")";
        return s + ")";
    }
    }
    return "?";
}

std::string dump(const Program& program)
{
    std::string s;
    for (const auto& it : program.items)
        s += dumpItem(*it) + "\n";
    return s;
}

}  // namespace wl::lang
