#pragma once
// A method call's arguments: the first two kept in place (most calls pass none, one or two: `push(x)`, `send(v)`),
// more on the heap. A std::vector here was an allocation and a free for nearly every call a program makes. The
// operations the interpreter uses, with std::vector's meaning.
#include "Value.h"

#include <cstddef>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace wl::lang {

class Args {
public:
    Args() noexcept = default;
    explicit Args(std::size_t n)
    {
        reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            new (data_ + i) Value();
        size_ = n;
    }
    Args(Args&& other) noexcept { take(other); }
    Args& operator=(Args&& other) noexcept
    {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;
    ~Args() { release(); }

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    Value* begin() noexcept { return data_; }
    Value* end() noexcept { return data_ + size_; }
    const Value* begin() const noexcept { return data_; }
    const Value* end() const noexcept { return data_ + size_; }
    Value& operator[](std::size_t i) noexcept { return data_[i]; }
    const Value& operator[](std::size_t i) const noexcept { return data_[i]; }
    Value& at(std::size_t i)
    {
        if (i >= size_)
            throw std::out_of_range("Args::at");
        return data_[i];
    }
    const Value& at(std::size_t i) const { return const_cast<Args*>(this)->at(i); }

    void reserve(std::size_t n)
    {
        if (n <= capacity_)
            return;
        Value* bigger = static_cast<Value*>(::operator new(n * sizeof(Value)));
        for (std::size_t i = 0; i < size_; ++i) {
            new (bigger + i) Value(std::move(data_[i]));
            data_[i].~Value();
        }
        if (data_ != local())
            ::operator delete(data_);
        data_ = bigger;
        capacity_ = n;
    }
    void push_back(Value v)
    {
        if (size_ == capacity_)
            reserve(capacity_ * 2);
        new (data_ + size_) Value(std::move(v));
        ++size_;
    }
    // The arguments as a vector, for what takes one (a call of a function value, a library function).
    std::vector<Value> vector() &&
    {
        std::vector<Value> out;
        out.reserve(size_);
        for (auto& v : *this)
            out.push_back(std::move(v));
        return out;
    }

private:
    static constexpr std::size_t kInPlace = 2;
    Value* local() noexcept { return std::launder(reinterpret_cast<Value*>(inPlace_)); }
    void take(Args& other) noexcept
    {
        if (other.data_ == other.local()) {
            data_ = local();
            capacity_ = kInPlace;
            for (std::size_t i = 0; i < other.size_; ++i) {
                new (data_ + i) Value(std::move(other.data_[i]));
                other.data_[i].~Value();
            }
        } else {
            data_ = other.data_;
            capacity_ = other.capacity_;
            other.data_ = other.local();
            other.capacity_ = kInPlace;
        }
        size_ = other.size_;
        other.size_ = 0;
    }
    void release() noexcept
    {
        for (std::size_t i = 0; i < size_; ++i)
            data_[i].~Value();
        if (data_ != local())
            ::operator delete(data_);
        data_ = local();
        capacity_ = kInPlace;
        size_ = 0;
    }

    alignas(Value) unsigned char inPlace_[kInPlace * sizeof(Value)];
    Value* data_ = local();
    std::size_t size_ = 0;
    std::size_t capacity_ = kInPlace;
};

}  // namespace wl::lang
