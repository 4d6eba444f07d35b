// Structs and enums with impl blocks: constructors, &self and &mut self methods, derived Debug and PartialEq.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

impl Point {
    fn new(x: i32, y: i32) -> Self {
        Point { x, y }
    }
    fn manhattan(&self) -> i32 {
        self.x.abs() + self.y.abs()
    }
    fn shift(&mut self, d: i32) {
        self.x += d;
        self.y += d;
    }
}

#[derive(Debug)]
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Dot,
}

impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle(r) => 3.0 * r * r,
            Shape::Rect { w, h } => w * h,
            Shape::Dot => 0.0,
        }
    }
}

fn main() {
    let mut p = Point::new(3, -4);
    println!("{:?} {}", p, p.manhattan());
    p.shift(1);
    println!("{} {}", p.x, p.y);
    let q = p.clone();
    println!("{}", p == q);
    let shapes = vec![Shape::Circle(2.0), Shape::Rect { w: 2.0, h: 3.5 }, Shape::Dot];
    for s in &shapes {
        println!("{:?} has area {}", s, s.area());
    }
}
