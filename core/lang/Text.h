#pragma once
// A Value's string (a String's, a &str's, a char's UTF-8): one pointer, null when empty, its text shared by copies
// and copied only when one of them changes it. Values are moved and copied at every step, and a std::string in
// each (32 bytes, with its short-string copy on every move) was a tenth of an interpreted run.
#include <atomic>
#include <cstddef>
#include <string>
#include <utility>

namespace wl::lang {

class Text {
public:
    Text() noexcept = default;
    Text(std::string s) : rep_(s.empty() ? nullptr : new Rep{{1}, std::move(s)}) {}
    Text(const char* s) : Text(std::string(s)) {}
    Text(const Text& other) noexcept : rep_(other.rep_)
    {
        if (rep_)
            rep_->refs.fetch_add(1, std::memory_order_relaxed);
    }
    Text(Text&& other) noexcept : rep_(std::exchange(other.rep_, nullptr)) {}
    Text& operator=(const Text& other) noexcept
    {
        Text copy(other);
        std::swap(rep_, copy.rep_);
        return *this;
    }
    Text& operator=(Text&& other) noexcept
    {
        std::swap(rep_, other.rep_);
        return *this;
    }
    ~Text() { release(); }

    const std::string& str() const noexcept { return rep_ ? rep_->s : empty_(); }
    operator const std::string&() const noexcept { return str(); }
    // The text to change: this value's own (copied first when another value shares it).
    std::string& mut()
    {
        if (!rep_)
            rep_ = new Rep{{1}, {}};
        else if (rep_->refs.load(std::memory_order_acquire) != 1) {
            Rep* own = new Rep{{1}, rep_->s};
            release();
            rep_ = own;
        }
        return rep_->s;
    }

    std::size_t size() const noexcept { return str().size(); }
    bool empty() const noexcept { return str().empty(); }
    char back() const { return str().back(); }
    char operator[](std::size_t i) const { return str()[i]; }
    std::string substr(std::size_t pos, std::size_t n = std::string::npos) const { return str().substr(pos, n); }
    template <class... A>
    std::size_t find(A&&... a) const { return str().find(std::forward<A>(a)...); }
    template <class... A>
    std::size_t rfind(A&&... a) const { return str().rfind(std::forward<A>(a)...); }
    std::size_t find_first_not_of(const char* set) const { return str().find_first_not_of(set); }
    std::size_t find_last_not_of(const char* set) const { return str().find_last_not_of(set); }
    Text& operator+=(const std::string& more)
    {
        mut() += more;
        return *this;
    }

    friend bool operator==(const Text& a, const Text& b) { return a.str() == b.str(); }
    friend bool operator==(const Text& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const Text& a, const char* b) { return a.str() == b; }
    friend bool operator<(const Text& a, const Text& b) { return a.str() < b.str(); }
    friend std::string operator+(const Text& a, const std::string& b) { return a.str() + b; }
    friend std::string operator+(const Text& a, const char* b) { return a.str() + b; }
    friend std::string operator+(const std::string& a, const Text& b) { return a + b.str(); }
    friend std::string operator+(const char* a, const Text& b) { return a + b.str(); }

private:
    struct Rep {
        std::atomic<int> refs;
        std::string s;
    };
    static const std::string& empty_()
    {
        static const std::string none;
        return none;
    }
    void release() noexcept
    {
        if (rep_ && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete rep_;
        rep_ = nullptr;
    }
    Rep* rep_ = nullptr;
};

}  // namespace wl::lang
