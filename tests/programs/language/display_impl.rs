// impl Display and impl Debug for the program's own types: {} and {:?} (and to_string) call their fmt, which
// writes into the Formatter with write! and write_str.
use std::fmt;

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Point")?;
        write!(f, " {{ x: {}, y: {} }}", self.x, self.y)
    }
}

enum Light {
    Red,
    Green,
}

impl fmt::Display for Light {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Light::Red => write!(f, "stop"),
            Light::Green => write!(f, "go"),
        }
    }
}

fn main() {
    let p = Point { x: 3, y: -4 };
    println!("{}", p);
    println!("{:?}", p);
    println!("[{:>10}]", p.to_string());
    println!("{} then {}", Light::Red, Light::Green);
    let label = format!("at {}", p);
    println!("{}", label);
}
