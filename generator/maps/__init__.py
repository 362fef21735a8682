"""Maps: the folium/Leaflet map each page shows, rendered once per kind and filled in."""
