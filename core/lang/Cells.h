#pragma once
// The places an aggregate holds (a tuple's, a Vec's, an enum payload's, a struct's fields): a vector of cells that
// keeps its first two in itself, so Some(x), Ok(x) or a pair need no allocation for the list (a recv and a join
// each make an Ok). The operations the interpreter uses, with std::vector's meaning.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

namespace wl::lang {

struct Value;
using Cell = std::shared_ptr<Value>;  // a place: a variable, a field, an element

class Cells {
public:
    using value_type = Cell;
    using size_type = std::size_t;
    using iterator = Cell*;
    using const_iterator = const Cell*;

    Cells() noexcept = default;
    Cells(const Cells& other) { append(other); }
    Cells(Cells&& other) noexcept { take(other); }
    Cells& operator=(const Cells& other)
    {
        if (this != &other) {
            clear();
            append(other);
        }
        return *this;
    }
    Cells& operator=(Cells&& other) noexcept
    {
        if (this != &other) {
            clear();
            freeHeap();
            take(other);
        }
        return *this;
    }
    ~Cells()
    {
        clear();
        freeHeap();
    }

    size_type size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    Cell* data() noexcept { return heap_ ? heap_ : local(); }
    const Cell* data() const noexcept { return heap_ ? heap_ : local(); }
    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + size_; }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size_; }
    Cell& operator[](size_type i) noexcept { return data()[i]; }
    const Cell& operator[](size_type i) const noexcept { return data()[i]; }
    Cell& at(size_type i) { return data()[checked(i)]; }
    const Cell& at(size_type i) const { return data()[checked(i)]; }
    Cell& front() noexcept { return data()[0]; }
    Cell& back() noexcept { return data()[size_ - 1]; }
    const Cell& front() const noexcept { return data()[0]; }
    const Cell& back() const noexcept { return data()[size_ - 1]; }

    void reserve(size_type n)
    {
        if (n <= capacity_)
            return;
        Cell* grown = static_cast<Cell*>(::operator new(n * sizeof(Cell)));
        Cell* old = data();
        for (size_type i = 0; i < size_; ++i) {
            new (grown + i) Cell(std::move(old[i]));
            old[i].~Cell();
        }
        freeHeap();
        heap_ = grown;
        capacity_ = n;
    }
    void push_back(Cell c)
    {
        if (size_ == capacity_)
            reserve(capacity_ * 2);
        new (data() + size_) Cell(std::move(c));
        ++size_;
    }
    void pop_back() noexcept { data()[--size_].~Cell(); }
    void clear() noexcept
    {
        while (size_ > 0)
            pop_back();
    }
    iterator erase(const_iterator at)
    {
        Cell* p = data() + (at - data());
        std::move(p + 1, end(), p);
        pop_back();
        return p;
    }

private:
    static constexpr size_type kLocal = 2;
    Cell* local() noexcept { return std::launder(reinterpret_cast<Cell*>(local_)); }
    const Cell* local() const noexcept { return std::launder(reinterpret_cast<const Cell*>(local_)); }
    size_type checked(size_type i) const
    {
        if (i >= size_)
            throw std::out_of_range("Cells::at");
        return i;
    }
    void append(const Cells& other)
    {
        reserve(other.size_);
        for (const Cell& c : other)
            push_back(c);
    }
    // Takes `other`'s cells, leaving it empty and local (this is empty and local).
    void take(Cells& other) noexcept
    {
        if (other.heap_) {
            heap_ = std::exchange(other.heap_, nullptr);
            capacity_ = std::exchange(other.capacity_, kLocal);
            size_ = std::exchange(other.size_, 0);
            return;
        }
        for (size_type i = 0; i < other.size_; ++i) {
            new (local() + i) Cell(std::move(other.local()[i]));
            other.local()[i].~Cell();
        }
        size_ = std::exchange(other.size_, 0);
    }
    void freeHeap() noexcept
    {
        if (heap_) {
            ::operator delete(heap_);
            heap_ = nullptr;
            capacity_ = kLocal;
        }
    }

    alignas(Cell) unsigned char local_[kLocal * sizeof(Cell)];
    Cell* heap_ = nullptr;
    size_type size_ = 0;
    size_type capacity_ = kLocal;
};

}  // namespace wl::lang
