// Integers, floats, chars, strings, tuples and formatting, in a plain (not async) main.
fn add(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {
    let x = 7;
    let mut y = 3;
    y += x * 2;
    println!("{} {}", x, y);
    println!("{:>5}|{:<5}|{:^5}|", 42, "ab", 'c');
    println!("{:.2} {:08.3} {:+}", 3.14159, 2.5, 4);
    let s = format!("{}-{:?}", "a", "b");
    println!("{}", s);
    println!("{}", add(2, 40));
    let t = (1, "two", 3.0);
    println!("{:?}", t);
    println!("{} {}", t.0, t.2);
    println!("{}", i64::MAX);
    println!("{} {} {}", 10 / 3, -7 % 3, 2.0 / 4.0);
    println!("{}", 1.5 as i64 + 'a' as i64);
    let name = "Ferris";
    println!("Hello, {name}! {0} {0}", 5);
    println!("{{braces}} {:?} {:?}", 'x', 0.1 + 0.2);
}
