"""Original scenes with no intimate content, for a speed measurement that looks like a real script.

Most scenes of a real screenplay stage nothing a coordinator needs to see: arguments in
kitchens, car rides, meetings, chases. These scenes are written for the speed benchmark only
(no existing screenplay was copied or paraphrased). Their action lines use the ordinary
vocabulary of screenplays, including words that look intimate to a keyword list: hands,
beds, floors, shirts, a breast pocket, a truck bed, "makes out" a shape.
"""

from __future__ import annotations

FILLER_SCENES: tuple[str, ...] = (
    """INT. COUNTY RECORDS OFFICE - DAY

Fluorescent hum. Rows of steel shelving sag under banker's boxes. OLIVE
TRAN (50s), reading glasses on a beaded chain, stamps forms with a rhythm
she stopped noticing years ago.

DESMOND PIKE (30s), damp from the rain, sets a numbered ticket on the counter.

OLIVE
Forty-one. You were forty.

DESMOND
Forty went home. I waited for him to come back.

OLIVE
(not looking up)
Nobody comes back.

She holds out a hand. He gives her the request slip. She reads it, then reads
it again, then takes the glasses off.

OLIVE (CONT'D)
The Harlow deed. Why does everybody want the Harlow deed this week?

DESMOND
Who else asked?

Olive slides the slip back across the counter with two fingers.

OLIVE
Fill in box nine. Purpose of request.

He writes something. She reads it upside down and snorts.

OLIVE (CONT'D)
"Curiosity" is not a purpose.

DESMOND
It's the only honest one on the form.

She gets up, knees cracking, and disappears between the shelves.
""",
    """EXT. GRAVEL LOT BEHIND THE FEED STORE - DUSK

A pickup with a cracked windshield idles next to a stack of pallets. In the
bed of the truck: fence posts, a coil of wire, a sleeping dog.

RUTH ANSEL (60s), sun-creased, drops the tailgate with one hand and hauls a
sack of feed off the loading dock with the other.

Her grandson CALEB (19) jogs over, too late to help.

CALEB
I said I'd get that.

RUTH
You said it at four.

She tosses him the keys. He catches them against his chest.

RUTH (CONT'D)
Drive. My eyes are done for the day.

They climb in. The dog lifts its head, decides nothing is happening, and goes
back to sleep on the tarp.
""",
    """INT. POLICE STATION - BULLPEN - NIGHT

Half the desks are dark. A radio mutters calls nobody answers.

DETECTIVE IMANI COLE (40s) pins a street map to the corkboard and steps back.
Red thumbtacks march down the river road.

Her partner, WES LINDQVIST (50s), walks in eating cereal out of a coffee mug.

WES
You've been here since six.

IMANI
Five thirty.

She taps the map. Six tacks. Six break-ins. All within a block of a bus stop.

WES
So he takes the bus. So do I.

IMANI
He takes the night route. The one that stops running at one.

Wes sets the mug down on a stack of case files and leans in. Now he sees it.

WES
He's home before the last bus.

IMANI
Which means he lives on the line.

She pulls a transit schedule from her breast pocket and unfolds it on the desk.
""",
    """INT. MARCH FAMILY KITCHEN - MORNING

Chaos. Toast burning. A radio playing the weather to nobody.

PETRA MARCH (40s), in scrubs, packs three lunches with the speed of a card
dealer. Her son OWEN (12) eats cereal standing up. Her daughter JUNE (9) is
under the table looking for a shoe.

PETRA
June. Shoe. Now.

JUNE (O.S.)
It's not under here!

PETRA
Then it's in the car. Owen, did you sign the field trip form?

OWEN
You have to sign it.

PETRA
Then why are you telling me now?

Owen shrugs. Petra scribbles a signature against the fridge door, hands him the
form, and scrapes the toast into the sink.

The smoke alarm goes off. Nobody reacts. Petra waves a dish towel at it until
it stops.
""",
    """EXT. HIGHWAY 9 - MOVING - DAY

A dented station wagon towing a rental trailer heads west into flat country.

INT. STATION WAGON - MOVING - CONTINUOUS

NADIA OSEI (30s) drives with both hands at ten and two. Her brother FRANK
(20s) has his bare feet on the dashboard and a map spread across his knees.

FRANK
There's a town in forty miles. Population three hundred.

NADIA
Does it have a gas station?

FRANK
It has a water tower. That's all the map says.

He folds the map the wrong way. It fights him. He gives up and throws it into
the back seat, where it lands on a box marked KITCHEN - FRAGILE.

NADIA
Feet down.

FRANK
Why?

NADIA
Because if I brake you'll break both your legs.

He puts his feet down. Then, slowly, one foot back up.
""",
    """INT. WAREHOUSE OFFICE - NIGHT

A glass box above the loading floor. Below, forklifts sit in a row under
sodium lights.

MR. HALVERSON (60s), the owner, sits behind a desk piled with invoices. Across
from him, the night supervisor TOMAS REYES (30s), hat in his hands.

HALVERSON
Three pallets of copper wire. Gone. On your shift.

TOMAS
The gate was locked. I checked it myself.

HALVERSON
Then somebody had a key.

Tomas looks down through the glass at the empty floor. Somebody down there is
sweeping, slowly, not looking up.

TOMAS
I want to see the camera footage.

HALVERSON
The camera's been broken since March.

TOMAS
Who knew that?

Halverson opens his mouth, then closes it.
""",
    """EXT. LAKESHORE - FOG - EARLY MORNING

Mist lies on the water so thick the far shore is gone. A rowboat bumps against
a half-sunk dock.

GRETA VOSS (70s), in waders, stands at the edge and squints into the white.
She makes out a shape drifting toward her: a second rowboat, empty, oars
shipped.

GRETA
Hello?

Nothing. The boat drifts closer. She grabs the bow line and pulls it in hand
over hand.

On the bench seat: a thermos, still warm, and a man's wristwatch, stopped at
four fifteen.

Greta looks back up the path toward the cabins. All the windows are dark.
""",
    """INT. HIGH SCHOOL GYM - DAY

Folding chairs. A banner: SPRING BOOK FAIR. Parents drift between tables.

HARRIET BELL (30s), a librarian with a pencil through her bun, runs the cash
box. AUGUST (10) stands at her table with a stack of six books and four
dollars.

HARRIET
That's a lot of books for four dollars.

AUGUST
Which one is the best?

HARRIET
Depends. Do you like dragons or detectives?

AUGUST
Detectives who fight dragons.

Harriet thinks about it, then pulls a battered paperback from under the table
and slides it across.

HARRIET
That one's on the house. Don't tell anyone.

August clutches it to his chest and runs.
""",
    """INT. HOSPITAL CORRIDOR - NIGHT

Linoleum that shines like water. A vending machine hums.

DR. ANIKA ROSS (40s) walks fast, reading a chart. An orderly pushes an empty bed
past her toward the elevators. A nurse strips the beds in an empty ward,
bundling sheets into a cart.

ANIKA
Who moved Mr. Kell?

NURSE PARK
Radiology. They called twenty minutes ago.

ANIKA
Nobody told me.

NURSE PARK
I'm telling you now.

Anika turns on her heel and pushes through the double doors. They swing shut
behind her.
""",
    """INT. BOXING GYM - NIGHT

Heavy bags, taped and re-taped. The smell of old leather and bleach.

COACH DELL (60s) holds the pads. LUIS ORTEGA (22) throws combinations, sweat
flying off his shoulders.

COACH DELL
Jab. Jab. Now move. Move your feet!

Luis throws a right hand that snaps the pad back. Dell grins, then slaps him
lightly across the ear with the pad.

COACH DELL (CONT'D)
And that's why you dropped your left in the third.

LUIS
I didn't drop it.

COACH DELL
Tape says you did.

Luis spits out his mouth guard, walks to the ropes and leans on them, chest
heaving.
""",
    """INT. CITY COUNCIL CHAMBER - DAY

Wood paneling, a flag, a clock that runs five minutes slow.

COUNCILWOMAN ESTRADA (50s) bangs a gavel that does not work. The crowd keeps
talking.

ESTRADA
Item seven. The parking garage on Elm.

A man in the front row stands up before anyone can stop him. BARRY FINCH (60s),
windbreaker, a folder of clippings.

BARRY
Point of order!

ESTRADA
There's no order yet, Barry. Sit down.

He sits down. The crowd laughs. Barry opens his folder and begins, very
slowly, to take out the clippings one by one and lay them on the floor in a
row.
""",
    """EXT. ROOFTOP - NIGHT

The city below, a grid of lights. Wind. A water tank creaks on its stand.

Two figures at the parapet: KOFI MENSAH (30s), binoculars, and the rookie,
SAM BRIGHT (20s), shivering in a borrowed jacket.

SAM
How long do we wait?

KOFI
Until the light goes on.

SAM
What light?

Kofi points without looking. Across the street, a dark window on the ninth
floor.

They wait. Sam blows into his hands. Kofi does not move.

The window lights up. A man in a suit crosses the room, sets down a briefcase,
and draws the blinds.

KOFI (CONT'D)
That light.
""",
    """INT. BAKERY - BEFORE DAWN

Ovens roaring. Flour on every surface, including the cat.

ROSA BELLINI (70s) kneads dough with her whole upper body. Her nephew MARCO (30s)
shapes rolls at the next table, badly.

ROSA
Not like that. You're strangling it.

MARCO
It's bread, Zia. It doesn't feel anything.

ROSA
It feels everything.

She takes his hands and presses them into the dough, showing him the fold,
the turn, the fold. He tries it alone. Better.

The bell over the door rings. A delivery driver backs in with a hand truck
stacked with sacks of flour.
""",
    """INT. MOTEL ROOM - DAY

Two double beds, one made, one not. A television bolted to the dresser.

PRIVATE INVESTIGATOR MAE LUTZ (40s) sits on the edge of the unmade bed with a
laptop on her knees, scrolling through grainy photos of a parking lot.

Her client, GORDON WELLS (50s), stands by the window and will not sit down.

GORDON
Is it him?

MAE
It's a gray sedan. There are a lot of gray sedans.

GORDON
But is it him?

Mae zooms in. The license plate is a smear of pixels. She closes the laptop.

MAE
I'll know tomorrow.

Gordon turns back to the window and pulls the curtain aside with one finger.
""",
    """EXT. SOCCER FIELD - AFTERNOON

Cones in a line. A dozen kids in mismatched shin guards. Parents on the
bleachers with coffee.

COACH TERESA HOLM (30s) blows a whistle. Nobody listens. She blows it again.

TERESA
Bring it in! Everybody!

The kids run at her in a wave and nearly knock her down. She laughs, gets her
balance, and kneels to their height.

TERESA (CONT'D)
Who remembers what we practiced on Tuesday?

A small hand goes up. Then all of them.
""",
    """INT. SPACESHIP ARGO - ENGINEERING DECK - NIGHT CYCLE

Pipes sweat. A warning light blinks amber on the reactor panel.

CHIEF ENGINEER VASQUEZ (50s), a wrench in her belt, lies on her back under a
console, shining a light up into the wiring.

Her apprentice, DEV (20s), stands over her with a tablet.

DEV
Coolant pressure's down another four percent.

VASQUEZ (O.S.)
Then quit reading it to me and hand me the probe.

He drops to his knees and passes the probe under the console. Sparks. A yelp.
The amber light goes green.

Vasquez slides out, hair singed, grinning.

VASQUEZ
That's how you fix a starship.
""",
)
