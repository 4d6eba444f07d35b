#include "Parser.h"

#include <algorithm>
#include <utility>

namespace wl::lang {
namespace {

constexpr int kMaxDepth = 200;     // nesting of expressions, patterns, types and blocks
constexpr size_t kMaxErrors = 50;  // past this, the rest of the file is not looked at

struct ParseError {
    Span span;
    std::string message;
};

// Binary operators: precedence (higher binds tighter) and whether comparison (non-associative in Rust).
int precedence(TokenKind k)
{
    switch (k) {
    case TokenKind::OrOr: return 3;
    case TokenKind::AndAnd: return 4;
    case TokenKind::EqEq:
    case TokenKind::Ne:
    case TokenKind::Lt:
    case TokenKind::Le:
    case TokenKind::Gt:
    case TokenKind::Ge: return 5;
    case TokenKind::Or: return 6;
    case TokenKind::Caret: return 7;
    case TokenKind::And: return 8;
    case TokenKind::Shl:
    case TokenKind::Shr: return 9;
    case TokenKind::Plus:
    case TokenKind::Minus: return 10;
    case TokenKind::Star:
    case TokenKind::Slash:
    case TokenKind::Percent: return 11;
    case TokenKind::KwAs: return 12;
    default: return -1;
    }
}

bool isCompoundAssign(TokenKind k)
{
    switch (k) {
    case TokenKind::PlusEq:
    case TokenKind::MinusEq:
    case TokenKind::StarEq:
    case TokenKind::SlashEq:
    case TokenKind::PercentEq:
    case TokenKind::CaretEq:
    case TokenKind::AndEq:
    case TokenKind::OrEq:
    case TokenKind::ShlEq:
    case TokenKind::ShrEq: return true;
    default: return false;
    }
}

bool isLiteral(TokenKind k)
{
    return k == TokenKind::Int || k == TokenKind::Float || k == TokenKind::Str || k == TokenKind::Char
        || k == TokenKind::Byte || k == TokenKind::ByteStr || k == TokenKind::KwTrue || k == TokenKind::KwFalse;
}

bool blockLike(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Block:
    case ExprKind::If:
    case ExprKind::While:
    case ExprKind::Loop:
    case ExprKind::For:
    case ExprKind::Match: return true;
    case ExprKind::Macro: return e.token.kind == TokenKind::LBrace;  // select! { ... } ends a statement
    default: return false;
    }
}

// The macros the subset knows, by their last path segment, and how their arguments parse.
enum class MacroForm { Args, Vec, Select, Matches };
struct MacroInfo {
    const char* name;
    MacroForm form;
};
constexpr MacroInfo kMacros[] = {
    {"println", MacroForm::Args},   {"eprintln", MacroForm::Args},  {"print", MacroForm::Args},
    {"eprint", MacroForm::Args},    {"format", MacroForm::Args},    {"panic", MacroForm::Args},
    {"assert", MacroForm::Args},    {"assert_eq", MacroForm::Args}, {"assert_ne", MacroForm::Args},
    {"unreachable", MacroForm::Args}, {"todo", MacroForm::Args},    {"unimplemented", MacroForm::Args},
    {"vec", MacroForm::Vec},        {"join", MacroForm::Args},      {"try_join", MacroForm::Args},
    {"pin", MacroForm::Args},       {"select", MacroForm::Select},  {"matches", MacroForm::Matches},
    {"pin_mut", MacroForm::Args},   // futures::pin_mut!, tokio::pin! by another name
    {"write", MacroForm::Args},     {"writeln", MacroForm::Args},   // into a Formatter, in impl Display / Debug
};

class Parser {
public:
    explicit Parser(LexResult lexed) : toks_(std::move(lexed.tokens)), errors_(std::move(lexed.errors))
    {
        // Where each token sits in the nesting of (), [] and {}: recovery skips to the end of the statement or
        // block it was in, not to the first `}` of some inner expression.
        nesting_.resize(toks_.size());
        closer_.assign(toks_.size(), toks_.size() - 1);
        std::vector<size_t> open;
        auto opener = [](TokenKind close) {
            return close == TokenKind::RParen ? TokenKind::LParen
                : close == TokenKind::RBracket ? TokenKind::LBracket
                                               : TokenKind::LBrace;
        };
        for (size_t k = 0; k < toks_.size(); ++k) {
            const TokenKind t = toks_[k].kind;
            if (t == TokenKind::RParen || t == TokenKind::RBracket || t == TokenKind::RBrace) {
                // A closer matches the nearest open group of its kind; groups left open inside it are abandoned.
                auto it = std::find_if(open.rbegin(), open.rend(), [&](size_t o) { return toks_[o].kind == opener(t); });
                if (it != open.rend()) {
                    closer_[*it] = k;
                    open.erase(std::next(it).base(), open.end());
                }
            }
            nesting_[k] = open.size();
            if (t == TokenKind::LParen || t == TokenKind::LBracket || t == TokenKind::LBrace)
                open.push_back(k);
        }
    }

    ParseResult run(std::vector<Comment> comments)
    {
        ParseResult out;
        while (!at(TokenKind::End) && errors_.size() < kMaxErrors) {
            const size_t itemStart = i_;
            try {
                if (at(TokenKind::Pound) && peekKind(1) == TokenKind::Bang) {
                    skipInnerAttribute();
                    continue;
                }
                out.program.items.push_back(item());
            } catch (const ParseError& e) {
                report(e);
                syncItem();
                if (i_ == itemStart)
                    bump();  // always move on
            }
        }
        out.comments = std::move(comments);
        out.errors = std::move(errors_);
        return out;
    }

private:
    std::vector<Token> toks_;
    std::vector<Diagnostic> errors_;
    std::vector<size_t> nesting_;  // per token: how many groups are open around it
    std::vector<size_t> closer_;   // per opening token: its closing token (the End token if none)
    size_t i_ = 0;
    int depth_ = 0;
    bool noStruct_ = false;  // in a condition or a scrutinee: `x {` opens the block, not a struct literal
    bool allowLet_ = false;  // in an if / while condition: `let PAT = EXPR` is an expression
    bool inTrait_ = false;   // a trait's items: a method may end with `;` instead of a body

    // --- tokens ---
    const Token& cur() const { return toks_[i_]; }
    TokenKind peekKind(size_t ahead) const { return toks_[std::min(i_ + ahead, toks_.size() - 1)].kind; }
    bool at(TokenKind k) const { return cur().kind == k; }
    const Token& bump()
    {
        const Token& t = toks_[i_];
        if (t.kind != TokenKind::End)
            ++i_;
        return t;
    }
    bool eat(TokenKind k)
    {
        if (!at(k))
            return false;
        bump();
        return true;
    }
    static std::string found(const Token& t)
    {
        if (t.kind == TokenKind::Ident)
            return "`" + t.text + "`";
        return describe(t.kind);
    }
    [[noreturn]] void fail(const std::string& expected) const
    {
        throw ParseError{cur().span, "expected " + expected + ", found " + found(cur())};
    }
    [[noreturn]] void unsupported(Span span, const std::string& what) const { throw ParseError{span, what}; }
    const Token& expect(TokenKind k)
    {
        if (!at(k))
            fail(describe(k));
        return bump();
    }
    std::string ident(const char* what = "an identifier")
    {
        if (!at(TokenKind::Ident))
            fail(what);
        return bump().text;
    }
    // `>` where a generic list closes: splits `>>`, `>=`, `>>=` as rustc does.
    void expectGt()
    {
        Token& t = toks_[i_];
        auto split = [&](TokenKind rest) {
            t.kind = rest;
            ++t.span.offset;
            ++t.span.column;
            --t.span.length;
        };
        switch (t.kind) {
        case TokenKind::Gt: bump(); return;
        case TokenKind::Shr: split(TokenKind::Gt); return;
        case TokenKind::Ge: split(TokenKind::Eq); return;
        case TokenKind::ShrEq: split(TokenKind::Ge); return;
        default: fail("`>`");
        }
    }
    void report(const ParseError& e)
    {
        if (errors_.size() < kMaxErrors)
            errors_.push_back({e.span, e.message});
    }
    Span spanFrom(const Span& start) const
    {
        Span s = start;
        const Token& last = toks_[i_ > 0 ? i_ - 1 : 0];
        const std::uint32_t end = last.span.offset + last.span.length;
        s.length = end > s.offset ? end - s.offset : 0;
        return s;
    }
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser)
        {
            if (++p.depth_ > kMaxDepth) {
                --p.depth_;
                throw ParseError{p.cur().span, "nesting deeper than " + std::to_string(kMaxDepth) + " levels"};
            }
        }
        ~DepthGuard() { --p.depth_; }
    };
    struct Restrict {
        Parser& p;
        bool noStruct, allowLet;
        Restrict(Parser& parser, bool ns, bool al) : p(parser), noStruct(parser.noStruct_), allowLet(parser.allowLet_)
        {
            p.noStruct_ = ns;
            p.allowLet_ = al;
        }
        ~Restrict()
        {
            p.noStruct_ = noStruct;
            p.allowLet_ = allowLet;
        }
    };

    // --- recovery ---
    // Skips a balanced group starting at the current opening token.
    void skipGroup()
    {
        int depth = 0;
        do {
            const TokenKind k = cur().kind;
            if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace)
                ++depth;
            else if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace)
                --depth;
            else if (k == TokenKind::End)
                return;
            bump();
        } while (depth > 0);
    }
    bool atItemStart() const
    {
        switch (cur().kind) {
        case TokenKind::KwFn:
        case TokenKind::KwStruct:
        case TokenKind::KwEnum:
        case TokenKind::KwImpl:
        case TokenKind::KwUse:
        case TokenKind::KwStatic:
        case TokenKind::KwTrait:
        case TokenKind::KwMod:
        case TokenKind::KwType:
        case TokenKind::KwPub: return true;
        case TokenKind::KwConst: return peekKind(1) != TokenKind::LBrace;
        case TokenKind::KwAsync: return peekKind(1) == TokenKind::KwFn || peekKind(1) == TokenKind::KwUnsafe;
        case TokenKind::Pound: return true;
        default: return false;
        }
    }
    void syncItem()
    {
        while (!at(TokenKind::End)) {
            if (at(TokenKind::LBrace) || at(TokenKind::LParen) || at(TokenKind::LBracket)) {
                skipGroup();
                continue;
            }
            if (atItemStart())
                return;
            bump();
        }
    }
    // Inside the block that opened at token `open`: to just after the next `;` of the block itself, to the start
    // of its next `let` or item, or to the `}` that closes it.
    void syncStatement(size_t open)
    {
        const size_t close = closer_[open], inside = nesting_[open] + 1;
        while (i_ < close && !at(TokenKind::End)) {
            const bool own = nesting_[i_] == inside;
            const bool afterGroup = i_ > 0 && toks_[i_ - 1].kind == TokenKind::RBrace && nesting_[i_ - 1] == inside;
            if (own && afterGroup && (at(TokenKind::KwLet) || atItemStart()))
                return;
            if (bump().kind == TokenKind::Semi && own)
                return;
        }
    }

    // --- attributes and items ---
    void skipInnerAttribute()
    {
        bump();
        bump();
        if (at(TokenKind::LBracket))
            skipGroup();
    }
    std::vector<Attribute> attributes()
    {
        std::vector<Attribute> out;
        while (at(TokenKind::Pound)) {
            Attribute a;
            a.span = cur().span;
            bump();
            expect(TokenKind::LBracket);
            a.path = path(true);
            if (at(TokenKind::LParen)) {
                const size_t start = i_;
                skipGroup();
                for (size_t k = start + 1; k + 1 < i_; ++k)
                    a.args.push_back(toks_[k]);
            } else if (eat(TokenKind::Eq)) {
                a.args.push_back(bump());
            }
            expect(TokenKind::RBracket);
            a.span = spanFrom(a.span);
            out.push_back(std::move(a));
        }
        return out;
    }

    ItemP item()
    {
        DepthGuard guard(*this);
        auto it = std::make_unique<Item>();
        it->span = cur().span;
        it->attributes = attributes();
        if (eat(TokenKind::KwPub)) {
            it->pub = true;
            if (at(TokenKind::LParen))
                skipGroup();  // pub(crate)
        }
        switch (cur().kind) {
        case TokenKind::KwUse:
            bump();
            it->kind = ItemKind::Use;
            it->use = useTree();
            expect(TokenKind::Semi);
            break;
        case TokenKind::KwAsync:
        case TokenKind::KwFn:
        case TokenKind::KwUnsafe: function(*it); break;
        case TokenKind::KwConst:
            if (peekKind(1) == TokenKind::KwFn || peekKind(1) == TokenKind::KwAsync) {
                bump();
                function(*it);
                break;
            }
            [[fallthrough]];
        case TokenKind::KwStatic: {
            it->kind = at(TokenKind::KwConst) ? ItemKind::Const : ItemKind::Static;
            bump();
            it->mut = eat(TokenKind::KwMut);
            it->nameSpan = cur().span;
            it->name = at(TokenKind::Underscore) ? (bump(), std::string("_")) : ident();
            expect(TokenKind::Colon);
            it->type = type();
            expect(TokenKind::Eq);
            it->value = expr();
            expect(TokenKind::Semi);
            break;
        }
        case TokenKind::KwStruct: structItem(*it); break;
        case TokenKind::KwEnum: enumItem(*it); break;
        case TokenKind::KwImpl: implItem(*it); break;
        case TokenKind::KwType:
            bump();
            it->kind = ItemKind::TypeAlias;
            it->nameSpan = cur().span;
            it->name = ident();
            skipGenericParams();
            expect(TokenKind::Eq);
            it->type = type();
            expect(TokenKind::Semi);
            break;
        case TokenKind::KwTrait: traitItem(*it); break;
        case TokenKind::KwMod: {
            const Span at = cur().span;
            const std::string word = describe(cur().kind);
            bump();
            while (!this->at(TokenKind::LBrace) && !this->at(TokenKind::Semi) && !this->at(TokenKind::End))
                bump();
            if (this->at(TokenKind::LBrace))
                skipGroup();
            else
                eat(TokenKind::Semi);
            unsupported(at, word + " items are not supported (supported items: use, fn, async fn, const, static, "
                                   "struct, enum, trait, impl, type)");
        }
        default:
            if (at(TokenKind::Ident) && cur().text == "macro_rules")
                unsupported(cur().span, "macro_rules! is not supported: only the built-in macros are");
            fail("an item (fn, async fn, use, const, static, struct, enum, trait, impl, type)");
        }
        it->span = spanFrom(it->span);
        return it;
    }

    UseTree useTree()
    {
        UseTree t;
        t.span = cur().span;
        eat(TokenKind::PathSep);
        for (;;) {
            if (at(TokenKind::LBrace)) {
                bump();
                while (!at(TokenKind::RBrace)) {
                    t.children.push_back(useTree());
                    if (!eat(TokenKind::Comma))
                        break;
                }
                expect(TokenKind::RBrace);
                break;
            }
            if (eat(TokenKind::Star)) {
                t.glob = true;
                break;
            }
            PathSegment seg;
            seg.span = cur().span;
            if (at(TokenKind::KwSelfValue) || at(TokenKind::KwCrate) || at(TokenKind::KwSuper) || at(TokenKind::KwSelfType))
                seg.name = describe(bump().kind).substr(1, std::string::npos), seg.name.pop_back();
            else
                seg.name = ident("a path in `use`");
            t.prefix.segments.push_back(std::move(seg));
            if (!eat(TokenKind::PathSep))
                break;
        }
        if (eat(TokenKind::KwAs))
            t.alias = at(TokenKind::Underscore) ? (bump(), std::string("_")) : ident();
        t.span = spanFrom(t.span);
        t.prefix.span = t.span;
        return t;
    }

    void skipGenericParams()
    {
        if (!at(TokenKind::Lt))
            return;
        int depth = 0;
        do {
            switch (cur().kind) {
            case TokenKind::Lt: ++depth; break;
            case TokenKind::Gt: --depth; break;
            case TokenKind::Shr: depth -= 2; break;
            case TokenKind::End: fail("`>` closing the generic parameters");
            default: break;
            }
            bump();
        } while (depth > 0);
    }
    void skipWhereClause()
    {
        if (!eat(TokenKind::KwWhere))
            return;
        while (!at(TokenKind::LBrace) && !at(TokenKind::Semi) && !at(TokenKind::End)) {
            if (at(TokenKind::Lt))
                skipGenericParams();
            else
                bump();
        }
    }

    void function(Item& it)
    {
        it.kind = ItemKind::Fn;
        it.async = eat(TokenKind::KwAsync);
        eat(TokenKind::KwUnsafe);
        expect(TokenKind::KwFn);
        it.nameSpan = cur().span;
        it.name = ident("a function name");
        skipGenericParams();
        expect(TokenKind::LParen);
        while (!at(TokenKind::RParen)) {
            it.params.push_back(param());
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RParen);
        if (eat(TokenKind::Arrow))
            it.ret = type();
        skipWhereClause();
        if (eat(TokenKind::Semi)) {
            if (!inTrait_)
                unsupported(it.nameSpan, "a function without a body is not supported");
            return;  // a trait's required method: each impl gives the body
        }
        const bool wasInTrait = std::exchange(inTrait_, false);
        it.body = block();
        inTrait_ = wasInTrait;
    }

    // After a member of an impl or a trait that did not parse: on to the next item, or to the closing brace.
    void skipToNextMember()
    {
        while (!at(TokenKind::End) && !at(TokenKind::RBrace) && !atItemStart()) {
            if (at(TokenKind::LBrace) || at(TokenKind::LParen) || at(TokenKind::LBracket))
                skipGroup();
            else
                bump();
        }
    }

    // trait Name: Supertraits { fn required(&self); fn provided(&self) { .. } type Assoc; }
    void traitItem(Item& it)
    {
        bump();
        it.kind = ItemKind::Trait;
        it.nameSpan = cur().span;
        it.name = ident("a trait name");
        skipGenericParams();
        if (eat(TokenKind::Colon)) {
            do {
                if (at(TokenKind::Lifetime))
                    bump();
                else
                    type();
            } while (eat(TokenKind::Plus));
        }
        skipWhereClause();
        expect(TokenKind::LBrace);
        const bool wasInTrait = std::exchange(inTrait_, true);
        while (!at(TokenKind::RBrace) && !at(TokenKind::End)) {
            try {
                if (at(TokenKind::KwType)) {  // an associated type, with its bounds: types are not checked
                    while (!at(TokenKind::Semi) && !at(TokenKind::End) && !at(TokenKind::RBrace))
                        bump();
                    expect(TokenKind::Semi);
                    continue;
                }
                ItemP member = item();
                if (member->kind != ItemKind::Fn)
                    unsupported(member->span, "a trait holds methods here (fn and async fn), not other items");
                it.items.push_back(std::move(member));
            } catch (const ParseError& e) {
                report(e);
                skipToNextMember();
            }
        }
        inTrait_ = wasInTrait;
        expect(TokenKind::RBrace);
    }

    Param param()
    {
        Param p;
        p.span = cur().span;
        attributes();
        // self, mut self, &self, &mut self, &'a self, self: Type
        size_t k = i_;
        if (toks_[k].kind == TokenKind::And) {
            ++k;
            if (toks_[k].kind == TokenKind::Lifetime)
                ++k;
        }
        if (toks_[k].kind == TokenKind::KwMut)
            ++k;
        if (toks_[k].kind == TokenKind::KwSelfValue) {
            const bool byRef = toks_[i_].kind == TokenKind::And;
            i_ = k + 1;
            p.self = true;
            p.pat = std::make_unique<Pat>();
            p.pat->kind = PatKind::Ident;
            p.pat->name = "self";
            p.pat->byRef = byRef;  // &self, &mut self
            p.pat->span = toks_[k].span;
            if (eat(TokenKind::Colon))
                p.type = type();
            p.span = spanFrom(p.span);
            return p;
        }
        p.pat = pattern();
        expect(TokenKind::Colon);
        p.type = type();
        p.span = spanFrom(p.span);
        return p;
    }

    void structItem(Item& it)
    {
        bump();
        it.kind = ItemKind::Struct;
        it.nameSpan = cur().span;
        it.name = ident("a struct name");
        skipGenericParams();
        skipWhereClause();
        if (eat(TokenKind::Semi)) {
            it.unit = true;
        } else if (at(TokenKind::LParen)) {
            it.tuple = true;
            it.fields = tupleFields();
            skipWhereClause();
            expect(TokenKind::Semi);
        } else {
            it.fields = recordFields();
        }
    }
    std::vector<FieldDef> tupleFields()
    {
        std::vector<FieldDef> out;
        expect(TokenKind::LParen);
        while (!at(TokenKind::RParen)) {
            attributes();
            if (eat(TokenKind::KwPub) && at(TokenKind::LParen))
                skipGroup();
            FieldDef f;
            f.span = cur().span;
            f.type = type();
            out.push_back(std::move(f));
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RParen);
        return out;
    }
    std::vector<FieldDef> recordFields()
    {
        std::vector<FieldDef> out;
        expect(TokenKind::LBrace);
        while (!at(TokenKind::RBrace)) {
            attributes();
            if (eat(TokenKind::KwPub) && at(TokenKind::LParen))
                skipGroup();
            FieldDef f;
            f.span = cur().span;
            f.name = ident("a field name");
            expect(TokenKind::Colon);
            f.type = type();
            out.push_back(std::move(f));
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RBrace);
        return out;
    }
    void enumItem(Item& it)
    {
        bump();
        it.kind = ItemKind::Enum;
        it.nameSpan = cur().span;
        it.name = ident("an enum name");
        skipGenericParams();
        skipWhereClause();
        expect(TokenKind::LBrace);
        while (!at(TokenKind::RBrace)) {
            attributes();
            Variant v;
            v.span = cur().span;
            v.name = ident("a variant name");
            if (at(TokenKind::LParen)) {
                v.tuple = true;
                v.fields = tupleFields();
            } else if (at(TokenKind::LBrace)) {
                v.record = true;
                v.fields = recordFields();
            }
            if (eat(TokenKind::Eq))
                v.discriminant = expr();
            v.span = spanFrom(v.span);
            it.variants.push_back(std::move(v));
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RBrace);
    }
    void implItem(Item& it)
    {
        bump();
        it.kind = ItemKind::Impl;
        skipGenericParams();
        eat(TokenKind::Bang);
        TypeP first = type();
        if (eat(TokenKind::KwFor)) {
            if (first->kind != TypeKind::Path)
                unsupported(first->span, "expected a trait name before `for`");
            it.trait = std::move(first->path);
            it.selfType = type();
        } else {
            it.selfType = std::move(first);
        }
        it.nameSpan = it.selfType->span;
        skipWhereClause();
        expect(TokenKind::LBrace);
        while (!at(TokenKind::RBrace) && !at(TokenKind::End)) {
            try {
                it.items.push_back(item());
            } catch (const ParseError& e) {
                report(e);
                skipToNextMember();
            }
        }
        expect(TokenKind::RBrace);
    }

    // --- paths and types ---
    // In expressions generic arguments need the turbofish (`Vec::<u8>::new`); in types they do not.
    Path path(bool inExpression)
    {
        Path p;
        p.span = cur().span;
        eat(TokenKind::PathSep);
        for (;;) {
            PathSegment seg;
            seg.span = cur().span;
            switch (cur().kind) {
            case TokenKind::Ident: seg.name = bump().text; break;
            case TokenKind::KwSelfValue: bump(); seg.name = "self"; break;
            case TokenKind::KwSelfType: bump(); seg.name = "Self"; break;
            case TokenKind::KwCrate: bump(); seg.name = "crate"; break;
            case TokenKind::KwSuper: bump(); seg.name = "super"; break;
            default: fail("a path");
            }
            if (!inExpression && at(TokenKind::Lt))
                seg.generics = genericArgs();
            else if (!inExpression && at(TokenKind::LParen)) {
                // Fn(A, B) -> C sugar in a bound: kept as generics (the arguments, then the result).
                bump();
                while (!at(TokenKind::RParen)) {
                    seg.generics.push_back(type());
                    if (!eat(TokenKind::Comma))
                        break;
                }
                expect(TokenKind::RParen);
                if (eat(TokenKind::Arrow))
                    seg.generics.push_back(type());
            }
            p.segments.push_back(std::move(seg));
            if (!at(TokenKind::PathSep))
                break;
            if (inExpression && peekKind(1) == TokenKind::Lt) {
                bump();
                p.segments.back().generics = genericArgs();
                if (!at(TokenKind::PathSep))
                    break;
            }
            const TokenKind next = peekKind(1);
            if (next != TokenKind::Ident && next != TokenKind::KwSelfValue && next != TokenKind::KwSelfType
                && next != TokenKind::KwCrate && next != TokenKind::KwSuper)
                break;  // `use a::{...}` and `a::*` are the use tree's business
            bump();
        }
        p.span = spanFrom(p.span);
        return p;
    }
    std::vector<TypeP> genericArgs()
    {
        std::vector<TypeP> out;
        expect(TokenKind::Lt);
        while (!at(TokenKind::Gt) && !at(TokenKind::Shr) && !at(TokenKind::Ge) && !at(TokenKind::ShrEq)) {
            if (at(TokenKind::Lifetime)) {
                bump();
            } else if (at(TokenKind::Ident) && peekKind(1) == TokenKind::Eq) {
                bump();  // Output = T: the bound type is kept
                bump();
                out.push_back(type());
            } else if (isLiteral(cur().kind) || at(TokenKind::LBrace)) {
                if (at(TokenKind::LBrace))
                    skipGroup();
                else
                    bump();
            } else {
                out.push_back(type());
            }
            if (!eat(TokenKind::Comma))
                break;
        }
        expectGt();
        return out;
    }
    void bounds(Type& t)
    {
        // Path (+ Path | + 'lifetime)*: the first path is kept.
        bool first = true;
        do {
            if (at(TokenKind::Lifetime)) {
                bump();
                continue;
            }
            eat(TokenKind::Question);  // ?Sized
            Path p = path(false);
            if (first)
                t.path = std::move(p);
            first = false;
        } while (eat(TokenKind::Plus));
    }
    TypeP type()
    {
        DepthGuard guard(*this);
        auto t = std::make_unique<Type>();
        t->span = cur().span;
        switch (cur().kind) {
        case TokenKind::And:
        case TokenKind::AndAnd: {
            const bool twice = at(TokenKind::AndAnd);
            bump();
            if (at(TokenKind::Lifetime))
                bump();
            t->kind = TypeKind::Ref;
            t->mut = eat(TokenKind::KwMut);
            t->inner = type();
            if (twice) {
                auto outer = std::make_unique<Type>();
                outer->kind = TypeKind::Ref;
                outer->span = t->span;
                outer->inner = std::move(t);
                t = std::move(outer);
            }
            break;
        }
        case TokenKind::Star:
            bump();
            t->kind = TypeKind::Ptr;
            if (!eat(TokenKind::KwConst))
                t->mut = eat(TokenKind::KwMut);
            t->inner = type();
            break;
        case TokenKind::LParen:
            bump();
            t->kind = TypeKind::Tuple;
            while (!at(TokenKind::RParen)) {
                t->items.push_back(type());
                if (!eat(TokenKind::Comma)) {
                    if (t->items.size() == 1 && at(TokenKind::RParen)) {  // (T) is T
                        bump();
                        TypeP inner = std::move(t->items[0]);
                        return inner;
                    }
                    break;
                }
            }
            expect(TokenKind::RParen);
            break;
        case TokenKind::LBracket:
            bump();
            t->inner = type();
            if (eat(TokenKind::Semi)) {
                t->kind = TypeKind::Array;
                t->len = expr();
            } else {
                t->kind = TypeKind::Slice;
            }
            expect(TokenKind::RBracket);
            break;
        case TokenKind::Bang: bump(); t->kind = TypeKind::Never; break;
        case TokenKind::Underscore: bump(); t->kind = TypeKind::Infer; break;
        case TokenKind::KwImpl:
            bump();
            t->kind = TypeKind::ImplTrait;
            bounds(*t);
            break;
        case TokenKind::KwDyn:
            bump();
            t->kind = TypeKind::DynTrait;
            bounds(*t);
            break;
        case TokenKind::KwFn:
        case TokenKind::KwUnsafe:
            eat(TokenKind::KwUnsafe);
            expect(TokenKind::KwFn);
            t->kind = TypeKind::Fn;
            expect(TokenKind::LParen);
            while (!at(TokenKind::RParen)) {
                t->items.push_back(type());
                if (!eat(TokenKind::Comma))
                    break;
            }
            expect(TokenKind::RParen);
            if (eat(TokenKind::Arrow))
                t->inner = type();
            break;
        case TokenKind::Ident:
        case TokenKind::KwSelfType:
        case TokenKind::KwSelfValue:
        case TokenKind::KwCrate:
        case TokenKind::KwSuper:
        case TokenKind::PathSep:
            t->kind = TypeKind::Path;
            t->path = path(false);
            break;
        default: fail("a type");
        }
        t->span = spanFrom(t->span);
        return t;
    }

    // --- patterns ---
    PatP pattern()
    {
        DepthGuard guard(*this);
        const Span start = cur().span;
        eat(TokenKind::Or);  // a leading `|`
        PatP first = patternNoOr();
        if (!at(TokenKind::Or))
            return first;
        auto p = std::make_unique<Pat>();
        p->kind = PatKind::Or;
        p->items.push_back(std::move(first));
        while (eat(TokenKind::Or))
            p->items.push_back(patternNoOr());
        p->span = spanFrom(start);
        return p;
    }
    ExprP literalExpr()
    {
        auto e = std::make_unique<Expr>();
        e->span = cur().span;
        if (at(TokenKind::Minus)) {
            bump();
            e->kind = ExprKind::Unary;
            e->op = TokenKind::Minus;
            e->a = literalExpr();
            e->span = spanFrom(e->span);
            return e;
        }
        if (!isLiteral(cur().kind))
            fail("a literal");
        e->kind = ExprKind::Literal;
        e->token = bump();
        return e;
    }
    std::vector<PatP> patternList(TokenKind close)
    {
        std::vector<PatP> out;
        while (!at(close)) {
            out.push_back(pattern());
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(close);
        return out;
    }
    PatP patternNoOr()
    {
        DepthGuard guard(*this);
        auto p = std::make_unique<Pat>();
        p->span = cur().span;
        switch (cur().kind) {
        case TokenKind::Underscore: bump(); p->kind = PatKind::Wild; break;
        case TokenKind::DotDot: bump(); p->kind = PatKind::Rest; break;
        case TokenKind::And:
        case TokenKind::AndAnd:
            bump();
            p->kind = PatKind::Ref;
            p->mut = eat(TokenKind::KwMut);
            p->sub = patternNoOr();
            break;
        case TokenKind::LParen: {
            bump();
            std::vector<PatP> items;
            bool trailingComma = false;
            while (!at(TokenKind::RParen)) {
                items.push_back(pattern());
                trailingComma = eat(TokenKind::Comma);
                if (!trailingComma)
                    break;
            }
            expect(TokenKind::RParen);
            if (items.size() == 1 && !trailingComma)
                return std::move(items[0]);  // (p) is p
            p->kind = PatKind::Tuple;
            p->items = std::move(items);
            break;
        }
        case TokenKind::LBracket:
            bump();
            p->kind = PatKind::Slice;
            p->items = patternList(TokenKind::RBracket);
            break;
        case TokenKind::KwRef:
        case TokenKind::KwMut:
            p->kind = PatKind::Ident;
            p->byRef = eat(TokenKind::KwRef);
            p->mut = eat(TokenKind::KwMut);
            p->name = ident("a name to bind");
            if (eat(TokenKind::At))
                p->sub = patternNoOr();
            break;
        default:
            if (isLiteral(cur().kind) || at(TokenKind::Minus)) {
                p->lo = literalExpr();
                p->kind = PatKind::Literal;
                rangeRest(*p);
                break;
            }
            if (at(TokenKind::Ident) && peekKind(1) != TokenKind::PathSep && peekKind(1) != TokenKind::LParen
                && peekKind(1) != TokenKind::LBrace && peekKind(1) != TokenKind::Bang) {
                p->kind = PatKind::Ident;
                p->name = bump().text;
                if (eat(TokenKind::At))
                    p->sub = patternNoOr();
                break;
            }
            if (at(TokenKind::Ident) || at(TokenKind::KwSelfType) || at(TokenKind::KwCrate) || at(TokenKind::PathSep)
                || at(TokenKind::KwSuper) || at(TokenKind::KwSelfValue)) {
                p->path = path(true);
                if (at(TokenKind::LParen)) {
                    bump();
                    p->kind = PatKind::TupleStruct;
                    p->items = patternList(TokenKind::RParen);
                } else if (at(TokenKind::LBrace)) {
                    bump();
                    p->kind = PatKind::Struct;
                    while (!at(TokenKind::RBrace)) {
                        if (eat(TokenKind::DotDot)) {
                            p->rest = true;
                            break;
                        }
                        FieldPat f;
                        f.span = cur().span;
                        const bool byRef = eat(TokenKind::KwRef);
                        const bool mut = eat(TokenKind::KwMut);
                        f.name = at(TokenKind::Int) ? bump().text : ident("a field name");
                        if (!byRef && !mut && eat(TokenKind::Colon)) {
                            f.pat = pattern();
                        } else {
                            f.pat = std::make_unique<Pat>();
                            f.pat->kind = PatKind::Ident;
                            f.pat->name = f.name;
                            f.pat->byRef = byRef;
                            f.pat->mut = mut;
                            f.pat->span = f.span;
                        }
                        p->fields.push_back(std::move(f));
                        if (!eat(TokenKind::Comma))
                            break;
                    }
                    expect(TokenKind::RBrace);
                } else {
                    p->kind = PatKind::Path;
                }
                break;
            }
            fail("a pattern");
        }
        p->span = spanFrom(p->span);
        return p;
    }
    void rangeRest(Pat& p)
    {
        if (at(TokenKind::DotDotEq) || at(TokenKind::DotDotDot) || at(TokenKind::DotDot)) {
            p.kind = PatKind::Range;
            p.inclusive = !at(TokenKind::DotDot);
            bump();
            if (isLiteral(cur().kind) || at(TokenKind::Minus))
                p.hi = literalExpr();
        }
    }

    // --- blocks and statements ---
    BlockP block()
    {
        DepthGuard guard(*this);
        Restrict plain(*this, false, false);
        auto b = std::make_unique<Block>();
        b->span = cur().span;
        const size_t open = i_;
        expect(TokenKind::LBrace);
        while (!at(TokenKind::RBrace) && !at(TokenKind::End)) {
            if (errors_.size() >= kMaxErrors)
                break;
            const size_t statementStart = i_;
            try {
                statement(*b);
            } catch (const ParseError& e) {
                report(e);
                syncStatement(open);
                if (i_ == statementStart && !at(TokenKind::RBrace) && !at(TokenKind::End))
                    bump();  // always move on
            }
        }
        expect(TokenKind::RBrace);
        b->span = spanFrom(b->span);
        return b;
    }

    void statement(Block& b)
    {
        Stmt s;
        s.span = cur().span;
        if (eat(TokenKind::Semi))
            return;
        if (b.tail) {
            // The previous expression had no `;` but was not the block's end.
            const Span at = b.tail->span;
            b.tail.reset();
            throw ParseError{cur().span, "expected `;` or `}` after an expression, found " + found(cur())
                                             + " (the expression at line " + std::to_string(at.line) + ":"
                                             + std::to_string(at.column) + " needs a `;`)"};
        }
        if (atItemStart() && !(at(TokenKind::KwUnsafe))) {
            s.kind = StmtKind::Item;
            s.item = item();
            s.span = spanFrom(s.span);
            b.stmts.push_back(std::move(s));
            return;
        }
        if (eat(TokenKind::KwLet)) {
            s.kind = StmtKind::Let;
            s.pat = pattern();
            if (eat(TokenKind::Colon))
                s.type = type();
            if (eat(TokenKind::Eq)) {
                s.init = expr();
                if (eat(TokenKind::KwElse))
                    s.elseBlock = block();
            }
            expect(TokenKind::Semi);
            s.span = spanFrom(s.span);
            b.stmts.push_back(std::move(s));
            return;
        }
        s.kind = StmtKind::Expr;
        const bool startsBlockLike = at(TokenKind::KwIf) || at(TokenKind::KwMatch) || at(TokenKind::KwLoop)
            || at(TokenKind::KwWhile) || at(TokenKind::KwFor) || at(TokenKind::LBrace) || at(TokenKind::KwUnsafe)
            || (at(TokenKind::Lifetime) && peekKind(1) == TokenKind::Colon);
        ExprP e = startsBlockLike ? postfix(primary()) : expr();
        if (startsBlockLike && !blockLike(*e)) {
            // `{ ... }.method()` and the like: go on as an ordinary expression.
            e = binaryRest(std::move(e), 0);
        }
        if (eat(TokenKind::Semi)) {
            s.semi = true;
        } else if (at(TokenKind::RBrace)) {
            b.tail = std::move(e);
            return;
        } else if (!blockLike(*e)) {
            b.tail = std::move(e);  // reported at the next statement, unless the block ends here
            return;
        }
        s.init = std::move(e);
        s.span = spanFrom(s.span);
        b.stmts.push_back(std::move(s));
    }

    // --- expressions ---
    ExprP expr()
    {
        DepthGuard guard(*this);
        return assignment();
    }
    ExprP make(ExprKind kind, Span start)
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->span = start;
        return e;
    }
    ExprP finish(ExprP e)
    {
        e->span = spanFrom(e->span);
        return e;
    }
    ExprP assignment()
    {
        const Span start = cur().span;
        ExprP lhs = range();
        if (at(TokenKind::Eq)) {
            bump();
            auto e = make(ExprKind::Assign, start);
            e->a = std::move(lhs);
            e->b = assignment();
            return finish(std::move(e));
        }
        if (isCompoundAssign(cur().kind)) {
            auto e = make(ExprKind::CompoundAssign, start);
            e->op = bump().kind;
            e->a = std::move(lhs);
            e->b = assignment();
            return finish(std::move(e));
        }
        return lhs;
    }
    bool canStartExpression() const
    {
        switch (cur().kind) {
        case TokenKind::RParen:
        case TokenKind::RBracket:
        case TokenKind::RBrace:
        case TokenKind::Comma:
        case TokenKind::Semi:
        case TokenKind::FatArrow:
        case TokenKind::Eq:
        case TokenKind::End: return false;
        case TokenKind::LBrace: return !noStruct_;
        default: return true;
        }
    }
    ExprP range()
    {
        const Span start = cur().span;
        ExprP lo;
        if (!at(TokenKind::DotDot) && !at(TokenKind::DotDotEq))
            lo = binaryRest(unary(), 0);
        if (at(TokenKind::DotDot) || at(TokenKind::DotDotEq)) {
            auto e = make(ExprKind::Range, start);
            e->inclusive = bump().kind == TokenKind::DotDotEq;
            e->a = std::move(lo);
            if (canStartExpression())
                e->b = binaryRest(unary(), 0);
            else if (e->inclusive)
                fail("an upper bound after `..=`");
            return finish(std::move(e));
        }
        return lo;
    }
    ExprP binaryRest(ExprP lhs, int minPrec)
    {
        for (;;) {
            const int prec = precedence(cur().kind);
            if (prec < 0 || prec < minPrec)
                return lhs;
            const Span start = lhs->span;
            if (at(TokenKind::KwAs)) {
                bump();
                auto e = make(ExprKind::Cast, start);
                e->a = std::move(lhs);
                e->type = type();
                lhs = finish(std::move(e));
                continue;
            }
            auto e = make(ExprKind::Binary, start);
            e->op = bump().kind;
            e->a = std::move(lhs);
            e->b = binaryRest(unary(), prec + 1);
            lhs = finish(std::move(e));
        }
    }
    ExprP unary()
    {
        DepthGuard guard(*this);
        const Span start = cur().span;
        switch (cur().kind) {
        case TokenKind::Minus:
        case TokenKind::Bang:
        case TokenKind::Star: {
            auto e = make(ExprKind::Unary, start);
            e->op = bump().kind;
            e->a = unary();
            return finish(std::move(e));
        }
        case TokenKind::And:
        case TokenKind::AndAnd: {
            const bool twice = at(TokenKind::AndAnd);
            bump();
            auto e = make(ExprKind::Unary, start);
            e->op = TokenKind::And;
            e->mut = eat(TokenKind::KwMut);
            e->a = unary();
            e = finish(std::move(e));
            if (twice) {
                auto outer = make(ExprKind::Unary, start);
                outer->op = TokenKind::And;
                outer->a = std::move(e);
                return finish(std::move(outer));
            }
            return e;
        }
        default: return postfix(primary());
        }
    }
    std::vector<ExprP> arguments(TokenKind close)
    {
        Restrict plain(*this, false, false);
        std::vector<ExprP> out;
        while (!at(close)) {
            out.push_back(expr());
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(close);
        return out;
    }
    ExprP postfix(ExprP e)
    {
        for (;;) {
            const Span start = e->span;
            if (at(TokenKind::Question)) {
                bump();
                auto t = make(ExprKind::Try, start);
                t->a = std::move(e);
                e = finish(std::move(t));
            } else if (at(TokenKind::LParen)) {
                bump();
                auto c = make(ExprKind::Call, start);
                c->a = std::move(e);
                c->list = arguments(TokenKind::RParen);
                e = finish(std::move(c));
            } else if (at(TokenKind::LBracket)) {
                bump();
                auto x = make(ExprKind::Index, start);
                x->a = std::move(e);
                {
                    Restrict plain(*this, false, false);
                    x->b = expr();
                }
                expect(TokenKind::RBracket);
                e = finish(std::move(x));
            } else if (at(TokenKind::Dot)) {
                bump();
                if (eat(TokenKind::KwAwait)) {
                    auto w = make(ExprKind::Await, start);
                    w->a = std::move(e);
                    e = finish(std::move(w));
                } else if (at(TokenKind::Int)) {
                    auto f = make(ExprKind::Field, start);
                    f->a = std::move(e);
                    f->name = bump().text;
                    e = finish(std::move(f));
                } else {
                    const std::string name = ident("a field or method name after `.`");
                    std::vector<TypeP> generics;
                    if (at(TokenKind::PathSep)) {
                        bump();
                        generics = genericArgs();
                    }
                    if (at(TokenKind::LParen)) {
                        bump();
                        auto m = make(ExprKind::MethodCall, start);
                        m->a = std::move(e);
                        m->name = name;
                        m->generics = std::move(generics);
                        m->list = arguments(TokenKind::RParen);
                        e = finish(std::move(m));
                    } else {
                        auto f = make(ExprKind::Field, start);
                        f->a = std::move(e);
                        f->name = name;
                        e = finish(std::move(f));
                    }
                }
            } else {
                return e;
            }
        }
    }
    ExprP condition()
    {
        Restrict cond(*this, true, true);
        return expr();
    }
    std::string label()
    {
        std::string l = bump().text;
        expect(TokenKind::Colon);
        return l;
    }
    ExprP primary()
    {
        DepthGuard guard(*this);
        const Span start = cur().span;
        const TokenKind k = cur().kind;
        if (isLiteral(k)) {
            auto e = make(ExprKind::Literal, start);
            e->token = bump();
            return e;
        }
        switch (k) {
        case TokenKind::LParen: {
            bump();
            Restrict plain(*this, false, false);
            if (eat(TokenKind::RParen))
                return finish(make(ExprKind::Tuple, start));
            ExprP first = expr();
            if (eat(TokenKind::RParen)) {
                auto p = make(ExprKind::Paren, start);
                p->a = std::move(first);
                return finish(std::move(p));
            }
            auto t = make(ExprKind::Tuple, start);
            t->list.push_back(std::move(first));
            while (eat(TokenKind::Comma) && !at(TokenKind::RParen))
                t->list.push_back(expr());
            expect(TokenKind::RParen);
            return finish(std::move(t));
        }
        case TokenKind::LBracket: {
            bump();
            Restrict plain(*this, false, false);
            if (eat(TokenKind::RBracket))
                return finish(make(ExprKind::Array, start));
            ExprP first = expr();
            if (eat(TokenKind::Semi)) {
                auto r = make(ExprKind::ArrayRepeat, start);
                r->a = std::move(first);
                r->b = expr();
                expect(TokenKind::RBracket);
                return finish(std::move(r));
            }
            auto a = make(ExprKind::Array, start);
            a->list.push_back(std::move(first));
            while (eat(TokenKind::Comma) && !at(TokenKind::RBracket))
                a->list.push_back(expr());
            expect(TokenKind::RBracket);
            return finish(std::move(a));
        }
        case TokenKind::LBrace: {
            auto b = make(ExprKind::Block, start);
            b->block = block();
            return finish(std::move(b));
        }
        case TokenKind::KwUnsafe: {
            bump();
            auto b = make(ExprKind::Block, start);
            b->block = block();
            b->block->unsafe = true;
            return finish(std::move(b));
        }
        case TokenKind::KwAsync: {
            bump();
            const bool move = eat(TokenKind::KwMove);
            if (at(TokenKind::Or) || at(TokenKind::OrOr))
                return closure(start, move, true);
            auto b = make(ExprKind::Block, start);
            b->async = true;
            b->move = move;
            b->block = block();
            return finish(std::move(b));
        }
        case TokenKind::KwMove:
            bump();
            return closure(start, true, false);
        case TokenKind::Or:
        case TokenKind::OrOr: return closure(start, false, false);
        case TokenKind::KwIf: return ifExpr();
        case TokenKind::KwMatch: {
            bump();
            auto m = make(ExprKind::Match, start);
            {
                Restrict scrutinee(*this, true, false);
                m->a = expr();
            }
            expect(TokenKind::LBrace);
            Restrict plain(*this, false, false);
            while (!at(TokenKind::RBrace)) {
                MatchArm arm;
                arm.span = cur().span;
                attributes();
                arm.pat = pattern();
                if (eat(TokenKind::KwIf))
                    arm.guard = expr();
                expect(TokenKind::FatArrow);
                arm.body = expr();
                arm.span = spanFrom(arm.span);
                const bool block = arm.body->kind == ExprKind::Block;
                m->arms.push_back(std::move(arm));
                if (!eat(TokenKind::Comma) && !block && !at(TokenKind::RBrace))
                    fail("`,` or `}` after a match arm");
            }
            expect(TokenKind::RBrace);
            return finish(std::move(m));
        }
        case TokenKind::Lifetime:
        case TokenKind::KwLoop:
        case TokenKind::KwWhile:
        case TokenKind::KwFor: return loopExpr();
        case TokenKind::KwBreak:
        case TokenKind::KwContinue:
        case TokenKind::KwReturn: {
            bump();
            auto e = make(k == TokenKind::KwBreak ? ExprKind::Break
                              : k == TokenKind::KwContinue ? ExprKind::Continue
                                                           : ExprKind::Return,
                          start);
            if (k != TokenKind::KwReturn && at(TokenKind::Lifetime))
                e->label = bump().text;
            if (k != TokenKind::KwContinue && canStartExpression())
                e->a = expr();
            return finish(std::move(e));
        }
        case TokenKind::KwLet: {
            if (!allowLet_)
                unsupported(start, "`let` is only allowed as a statement or in an `if` / `while` condition");
            bump();
            auto e = make(ExprKind::Let, start);
            e->pat = pattern();
            expect(TokenKind::Eq);
            e->a = binaryRest(unary(), precedence(TokenKind::AndAnd) + 1);
            return finish(std::move(e));
        }
        case TokenKind::Ident:
        case TokenKind::KwSelfValue:
        case TokenKind::KwSelfType:
        case TokenKind::KwCrate:
        case TokenKind::KwSuper:
        case TokenKind::PathSep: {
            Path p = path(true);
            if (at(TokenKind::Bang) && peekKind(1) != TokenKind::Eq)
                return macro(std::move(p), start);
            if (at(TokenKind::LBrace) && !noStruct_)
                return structLiteral(std::move(p), start);
            auto e = make(ExprKind::Path, start);
            e->path = std::move(p);
            return finish(std::move(e));
        }
        default: fail("an expression");
        }
    }
    ExprP ifExpr()
    {
        const Span start = cur().span;
        expect(TokenKind::KwIf);
        auto e = make(ExprKind::If, start);
        e->a = condition();
        e->block = block();
        if (eat(TokenKind::KwElse)) {
            if (at(TokenKind::KwIf)) {
                e->b = ifExpr();
            } else {
                auto b = make(ExprKind::Block, cur().span);
                b->block = block();
                e->b = finish(std::move(b));
            }
        }
        return finish(std::move(e));
    }
    ExprP loopExpr()
    {
        const Span start = cur().span;
        std::string l;
        if (at(TokenKind::Lifetime))
            l = label();
        ExprP e;
        if (eat(TokenKind::KwLoop)) {
            e = make(ExprKind::Loop, start);
        } else if (eat(TokenKind::KwWhile)) {
            e = make(ExprKind::While, start);
            e->a = condition();
        } else if (eat(TokenKind::KwFor)) {
            e = make(ExprKind::For, start);
            e->pat = pattern();
            expect(TokenKind::KwIn);
            Restrict iter(*this, true, false);
            e->a = expr();
        } else {
            fail("`loop`, `while` or `for` after a label");
        }
        e->label = l;
        e->block = block();
        return finish(std::move(e));
    }
    ExprP closure(Span start, bool move, bool async)
    {
        auto c = make(ExprKind::Closure, start);
        c->move = move;
        c->async = async;
        if (!eat(TokenKind::OrOr)) {
            expect(TokenKind::Or);
            while (!at(TokenKind::Or)) {
                ClosureParam p;
                p.pat = patternNoOr();
                if (eat(TokenKind::Colon))
                    p.type = type();
                c->params.push_back(std::move(p));
                if (!eat(TokenKind::Comma))
                    break;
            }
            expect(TokenKind::Or);
        }
        if (eat(TokenKind::Arrow)) {
            c->type = type();
            auto b = make(ExprKind::Block, cur().span);
            b->block = block();
            c->a = finish(std::move(b));
        } else {
            Restrict plain(*this, false, false);
            c->a = expr();
        }
        return finish(std::move(c));
    }
    ExprP structLiteral(Path p, Span start)
    {
        auto s = make(ExprKind::Struct, start);
        s->path = std::move(p);
        expect(TokenKind::LBrace);
        Restrict plain(*this, false, false);
        while (!at(TokenKind::RBrace)) {
            if (eat(TokenKind::DotDot)) {
                s->a = expr();
                break;
            }
            FieldInit f;
            f.span = cur().span;
            f.name = at(TokenKind::Int) ? bump().text : ident("a field name");
            if (eat(TokenKind::Colon)) {
                f.value = expr();
            } else {
                f.value = make(ExprKind::Path, f.span);
                f.value->path.segments.push_back({f.name, {}, f.span});
                f.value->path.span = f.span;
            }
            s->fields.push_back(std::move(f));
            if (!eat(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RBrace);
        return finish(std::move(s));
    }

    ExprP macro(Path p, Span start)
    {
        expect(TokenKind::Bang);
        const std::string name = p.segments.back().name;
        const MacroInfo* info = nullptr;
        for (const MacroInfo& m : kMacros)
            if (name == m.name)
                info = &m;
        auto e = make(ExprKind::Macro, start);
        e->path = std::move(p);
        const TokenKind open = cur().kind;
        const TokenKind close = open == TokenKind::LParen ? TokenKind::RParen
            : open == TokenKind::LBracket                 ? TokenKind::RBracket
            : open == TokenKind::LBrace                   ? TokenKind::RBrace
                                                          : TokenKind::End;
        if (close == TokenKind::End)
            fail("`(`, `[` or `{` after `" + name + "!`");
        if (!info) {
            skipGroup();
            std::string list;
            for (const auto& n : supportedMacros())
                list += (list.empty() ? "" : ", ") + n + "!";
            unsupported(start, "macro `" + name + "!` is not supported (supported: " + list + ")");
        }
        e->token = bump();  // the opening delimiter: `{` makes select! { } a statement on its own
        Restrict plain(*this, false, false);
        switch (info->form) {
        case MacroForm::Args: e->list = arguments(close); break;
        case MacroForm::Vec: {
            if (eat(close))
                break;
            ExprP first = expr();
            if (eat(TokenKind::Semi)) {
                auto r = make(ExprKind::ArrayRepeat, first->span);
                r->a = std::move(first);
                r->b = expr();
                e->list.push_back(finish(std::move(r)));
                expect(close);
                break;
            }
            e->list.push_back(std::move(first));
            while (eat(TokenKind::Comma) && !at(close))
                e->list.push_back(expr());
            expect(close);
            break;
        }
        case MacroForm::Matches:
            e->a = expr();
            expect(TokenKind::Comma);
            e->pat = pattern();
            if (eat(TokenKind::KwIf))
                e->b = expr();
            eat(TokenKind::Comma);
            expect(close);
            break;
        case MacroForm::Select:
            if (at(TokenKind::Ident) && cur().text == "biased" && peekKind(1) == TokenKind::Semi) {
                bump();
                bump();
                e->biased = true;
            }
            while (!at(close)) {
                SelectBranch br;
                br.span = cur().span;
                if (eat(TokenKind::KwElse)) {
                    br.isElse = true;
                } else if (at(TokenKind::Ident) && (cur().text == "complete" || cur().text == "default")
                           && peekKind(1) == TokenKind::FatArrow) {
                    unsupported(cur().span, "the `" + cur().text + " =>` branch of futures::select! is not supported "
                                            "(tokio::select!'s `else =>` runs when every branch is disabled)");
                } else {
                    br.pat = pattern();
                    expect(TokenKind::Eq);
                    br.future = expr();
                    if (eat(TokenKind::Comma)) {
                        expect(TokenKind::KwIf);
                        br.guard = expr();
                    }
                }
                expect(TokenKind::FatArrow);
                br.handler = expr();
                br.span = spanFrom(br.span);
                const bool block = br.handler->kind == ExprKind::Block;
                e->branches.push_back(std::move(br));
                if (!eat(TokenKind::Comma) && !block && !at(close))
                    fail("`,` after a select! branch");
            }
            expect(close);
            break;
        }
        return finish(std::move(e));
    }
};

}  // namespace

const std::vector<std::string>& supportedMacros()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const MacroInfo& m : kMacros)
            out.push_back(m.name);
        return out;
    }();
    return names;
}

ParseResult parse(std::string_view source)
{
    LexResult lexed = lex(source);
    std::vector<Comment> comments = std::move(lexed.comments);
    const bool lexerFailed = !lexed.errors.empty();
    ParseResult r = Parser(std::move(lexed)).run(std::move(comments));
    if (lexerFailed)  // an unterminated string or comment ran to the end: what is missing there is its echo
        r.errors.erase(std::remove_if(r.errors.begin(), r.errors.end(),
                                      [&](const Diagnostic& d) {
                                          return d.span.offset >= source.size()
                                              && d.message.find("found end of file") != std::string::npos;
                                      }),
                       r.errors.end());
    std::stable_sort(r.errors.begin(), r.errors.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.span.offset < b.span.offset; });
    return r;
}

}  // namespace wl::lang
